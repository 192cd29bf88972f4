import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { setLang } from "../../i18n";
import { explainError, messageText } from "./errors";
import { checkEmail, checkPassword, checkUsername } from "./validation";

const FIELDS = ["username", "email", "password"] as const;
const texts = (error: unknown) => {
  const found = explainError(error, FIELDS);
  return {
    form: found.form ? messageText(found.form) : null,
    fields: Object.fromEntries(
      Object.entries(found.fields).map(([k, v]) => [k, v ? messageText(v) : null]),
    ),
  };
};

beforeEach(() => setLang("nl"));

describe("explainError", () => {
  it("puts a coded server refusal next to its field, in the person's language", () => {
    const error = new ApiError(422, "username_taken", "Check the field: username.", {
      username: ["This username is taken. Choose another one."],
    });
    expect(texts(error).fields.username).toBe("Deze gebruikersnaam bestaat al. Kies een andere.");
    setLang("en");
    expect(texts(error).fields.username).toBe("This username is already taken. Choose another one.");
  });

  it("falls back to the server's words for an unknown field error", () => {
    const error = new ApiError(422, "validation_error", "Check these fields: username.", {
      username: ["Not a valid string."],
      role: ["Must be one of: jobseeker."],
    });
    expect(texts(error)).toEqual({
      form: "Must be one of: jobseeker.",
      fields: { username: "Not a valid string." },
    });
  });

  it("puts a weak password reason at the password field", () => {
    const error = new ApiError(422, "password_too_common", "Check the field: password.", {
      password: ["This password is too common. Choose another one."],
    });
    expect(texts(error)).toEqual({
      form: null,
      fields: { password: "Dit wachtwoord is te makkelijk te raden. Kies een ander." },
    });
  });

  it("translates a known schema message that has no specific code", () => {
    const error = new ApiError(422, "validation_error", "Check the field: email.", {
      email: ["Not a valid email address."],
    });
    expect(texts(error).fields.email).not.toBe("Not a valid email address.");
    expect(texts(error).form).toBeNull();
  });

  it("explains wrong credentials, too many attempts and no connection for the whole form", () => {
    expect(texts(new ApiError(401, "invalid_credentials", "Wrong.")).form).toMatch(/klopt niet/);
    expect(texts(new ApiError(429, "too_many_requests", "Slow.", {}, 120)).form).toBe(
      "Je hebt het te vaak geprobeerd. Wacht 2 minuten en probeer het dan opnieuw.",
    );
    expect(texts(new ApiError(0, "network_error", "")).form).toMatch(/geen verbinding/);
    expect(texts(new ApiError(500, "internal_error", "Boom")).form).toMatch(/bij ons/);
    expect(texts(new Error("?")).form).toBe("Er ging iets mis. Probeer het opnieuw.");
  });
});

describe("account checks", () => {
  it("check the username", () => {
    expect(checkUsername("")).toBe("error.required");
    expect(checkUsername("ab")).toBe("error.usernameLength");
    expect(checkUsername("a".repeat(41))).toBe("error.usernameLength");
    expect(checkUsername("sam de vries")).toBe("error.usernameChars");
    expect(checkUsername("josé")).toBe("error.usernameChars");
    expect(checkUsername("sam.de-vries_2")).toBeNull();
  });

  it("check the e-mail address only when one is given", () => {
    expect(checkEmail("")).toBeNull();
    expect(checkEmail("sam@example")).toBe("error.emailInvalid");
    expect(checkEmail("sam@example.nl")).toBeNull();
  });

  it("check the password length in characters", () => {
    expect(checkPassword("")).toBe("error.required");
    expect(checkPassword("kort")).toBe("error.passwordShort");
    expect(checkPassword("paars-fiets-regen")).toBeNull();
    expect(checkPassword("xy".repeat(65))).toBe("error.passwordLong");
    expect(checkPassword("aaaaabbbbbb")).toBe("error.passwordSimple");
    expect(checkPassword("sam.de-vries-2024", "Sam.de-Vries")).toBe("error.passwordHasUsername");
  });
});
