import type { UserRole } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: UserRole; email: string; name?: string | null };
  }
  interface User {
    role?: UserRole;
  }
}

declare module "next-auth/adapters" {
  interface AdapterUser {
    role?: UserRole;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: UserRole;
  }
}
