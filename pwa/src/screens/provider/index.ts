// The learning provider's screens: one lazy chunk, never part of a jobseeker's load.
export { ProviderHome } from "./home";
export { ProviderOfferScreen } from "./offer";
export { ProviderImportScreen } from "./import";
export { ProviderDemandScreen } from "./demand";
