// Thin wrappers around /api/v1/auth.
import { api } from "./client";

export type Role = "jobseeker" | "employer" | "provider" | "mentor" | "analyst" | "admin";

export interface Organisation {
  id: number;
  name: string;
  [extra: string]: unknown;
}

export interface User {
  id: number;
  username: string;
  email: string | null;
  role: Role | string;
  organisations: Organisation[];
  created_at: string;
}

export interface RegisterInput {
  username: string;
  password: string;
  email?: string;
  /** jobseeker (the default), employer or provider (learning): what the account is for. */
  role?: "jobseeker" | "employer" | "provider";
}

export function register(input: RegisterInput): Promise<User> {
  return api.post<User>("/auth/register", input, { retryOn401: false });
}

export function login(username: string, password: string): Promise<User> {
  return api.post<User>("/auth/login", { username, password }, { retryOn401: false });
}

export async function logout(): Promise<void> {
  await api.post<undefined>("/auth/logout");
}

export async function logoutEverywhere(): Promise<void> {
  await api.post<undefined>("/auth/logout-everywhere");
}

/** The person who is logged in; rejects with a 401 ApiError when nobody is. */
export function me(): Promise<User> {
  return api.get<User>("/auth/me");
}
