// The notification screens, one lazy chunk: the inbox, the permission explanation,
// the settings and the daily check-in.
export { AllowScreen } from "./allow";
export { CheckInScreen } from "./checkin";
export { InboxScreen } from "./inbox";
export { NotificationSettingsScreen } from "./settings";
