// One result type for the whole code base: a value, or a typed error the caller must look at.
// Failures that are part of the protocol (a wrong PIN, a refused configuration, a card that
// left) travel as values across every boundary, never as exceptions.
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
