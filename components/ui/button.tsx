import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-sky-700 text-white hover:bg-sky-800 disabled:bg-sky-300",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-red-300",
} as const;

/** The button look, for links that act as buttons ("Clear filters", downloads). */
export function buttonClassName(variant: keyof typeof VARIANTS = "primary", className = ""): string {
  return `inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${VARIANTS[variant]} ${className}`;
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return <button className={buttonClassName(variant, className)} {...props} />;
}
