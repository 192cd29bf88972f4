// Leaving the app on this phone: tell the server, then remove the person's data here
// (drafts, outbox, cached copies), so the next person on a shared phone sees nothing.
import { logout, logoutEverywhere } from "../../api/auth";
import { ApiError } from "../../api/client";
import { deleteMeta } from "../../store/db";
import { clearLocalData } from "../../sync/selfie-sync";
import { CV_KEY } from "../cv/keys";
import { POSITION_KEY } from "../selfie/progress";
import { REFERENCE_KEYS, forgetReference } from "../selfie/reference";

/** The screens' own meta keys with personal data (the sync layer clears its own). */
const SCREEN_KEYS = [POSITION_KEY, CV_KEY("nl"), CV_KEY("en"), ...REFERENCE_KEYS];

export async function clearThisPhone(): Promise<void> {
  forgetReference();
  await clearLocalData();
  await Promise.all(SCREEN_KEYS.map((key) => deleteMeta(key).catch(() => undefined)));
}

/**
 * Log out here (or everywhere) and clear this phone. A 401 means the session was gone
 * already: that is logged out too. Anything else (no connection) is thrown: the server
 * would still accept the cookies, so the person is not logged out yet.
 */
export async function signOut(everywhere: boolean): Promise<void> {
  try {
    await (everywhere ? logoutEverywhere() : logout());
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  await clearThisPhone();
}
