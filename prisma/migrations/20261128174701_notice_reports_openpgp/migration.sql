-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "pgpFingerprint" TEXT,
ADD COLUMN     "pgpKeyExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "pgpPublicKey" TEXT;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "attachIodef" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "attachXarf" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "requireEncryption" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CsirtPgpKey" (
    "id" TEXT NOT NULL DEFAULT 'csirt',
    "fingerprint" TEXT NOT NULL,
    "userIds" TEXT NOT NULL,
    "publicKeyArmored" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CsirtPgpKey_pkey" PRIMARY KEY ("id")
);
