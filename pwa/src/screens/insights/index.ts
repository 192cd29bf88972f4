// The public insights screens: one lazy chunk, loaded on first use.
export { InsightsMapScreen } from "./map";
export { InsightsRegionScreen } from "./region";
