/**
 * Route handlers answer errors as JSON with the right status; nothing internal leaks.
 */
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json({ error: error.code, message: error.message, details: error.details }, { status: error.status });
  }
  if (error instanceof ZodError) {
    return NextResponse.json({ error: "INVALID_INPUT", message: "The request is not valid.", details: error.issues }, { status: 422 });
  }
  console.error(error);
  return NextResponse.json({ error: "INTERNAL", message: "Something went wrong on our side." }, { status: 500 });
}

export function handleRoute<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
