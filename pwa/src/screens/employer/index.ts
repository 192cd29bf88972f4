// The employer's screens: one lazy chunk, never part of a jobseeker's first load.
export { EmployerHome } from "./home";
export { NewVacancyScreen } from "./new-vacancy";
export { EmployerVacancyScreen } from "./vacancy";
export { EmployerFunctionsScreen } from "./functions";
export { EmployerFunctionScreen } from "./function";
export { EditVacancyScreen } from "./edit-vacancy";
