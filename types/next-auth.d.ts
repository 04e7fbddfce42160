import type { UserRole } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: UserRole; email: string; name?: string | null; sessionVersion?: number };
  }
  interface User {
    role?: UserRole;
    sessionVersion?: number;
  }
}

declare module "next-auth/adapters" {
  interface AdapterUser {
    role?: UserRole;
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: UserRole;
    sessionVersion?: number;
  }
}
