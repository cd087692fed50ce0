// A value the journal takes for a slip (far past the target or far the wrong way) comes back
// refused with this code until the person confirms it.
import { ApiError } from "./api";

export function needsConfirmation(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === "needs_confirmation";
}

/** The refusal as a question: "30 reviews is far past the target (…). Log it?" */
export function question(error: ApiError): string {
  return `${error.message.replace(/^value: /, "").replace(/; confirm to log it$/, "")}. Log it?`;
}
