import type { SecondFactorState } from "@/lib/auth/second-factor/session-proof";
import type { UserRole } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      role: UserRole;
      email: string;
      name?: string | null;
      sessionVersion?: number;
      /** This session's own id (a random UUID made at sign-in). */
      sessionId?: string;
      /** Staff: whether the second factor is still to be given ("pending") on this session. */
      secondFactor?: SecondFactorState;
    };
  }
  interface User {
    role?: UserRole;
    sessionVersion?: number;
    secondFactor?: SecondFactorState;
  }
}

declare module "next-auth/adapters" {
  interface AdapterUser {
    role?: UserRole;
    sessionVersion?: number;
    secondFactor?: SecondFactorState;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: UserRole;
    sessionVersion?: number;
    sid?: string;
    secondFactor?: SecondFactorState;
  }
}
