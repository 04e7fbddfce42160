export function renderSignInLinkMail({ url, expires }: { url: string; expires: Date }): {
  subject: string;
  text: string;
} {
  return {
    subject: "Your sign-in link for the CSIRT incident portal",
    text: `Hello,

Someone (we hope you) asked to sign in to the CSIRT incident portal with this address.
Open this link to sign in. It works once and expires at ${expires.toISOString().replace(/\.\d{3}Z$/, "Z")}:

${url}

If you did not ask for it, ignore this message: nothing happens until the link is opened.
`,
  };
}
