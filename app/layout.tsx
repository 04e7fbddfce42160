import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CSIRT Incidents", template: "%s · CSIRT Incidents" },
  description: "Incident handling for the research and education network's member organisations",
};

/** Every page renders per request: its scripts carry that response's CSP nonce (proxy.ts), which static HTML cannot. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
