// Shared by the server (validation) and the sign-up form (hint text), which must not import
// the argon2 native module.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
