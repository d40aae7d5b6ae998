import type { LabSecrets } from "./types.js";

/** The openstack client's settings for the lab's admin (password from the planted secrets). */
export function adminEnv(port: number, s: LabSecrets): Record<string, string> {
  return userEnv(port, "admin", s.adminPassword, "admin", "Default");
}

/** The settings for the seeded user alice on project demo. */
export function aliceEnv(port: number, s: LabSecrets): Record<string, string> {
  return userEnv(port, "alice", s.userPassword, "demo", "Default");
}

/** The settings that authenticate with alice's application credential. */
export function appCredentialEnv(port: number, id: string, s: LabSecrets): Record<string, string> {
  return {
    OS_AUTH_URL: authUrl(port),
    OS_IDENTITY_API_VERSION: "3",
    OS_AUTH_TYPE: "v3applicationcredential",
    OS_APPLICATION_CREDENTIAL_ID: id,
    OS_APPLICATION_CREDENTIAL_SECRET: s.appCredentialSecret,
  };
}

/** The planted values as a `KEY=value` file, registered with `stacklog secrets add`. */
export function secretsEnvFile(s: LabSecrets): string {
  return [
    "# Throwaway credentials of a stacklog lab run; registered so stacklog hides them.",
    `LAB_ADMIN_PASSWORD=${s.adminPassword}`,
    `LAB_USER_PASSWORD=${s.userPassword}`,
    `LAB_APP_CREDENTIAL_SECRET=${s.appCredentialSecret}`,
    `LAB_EC2_SECRET=${s.ec2Secret}`,
    `LAB_DB_PASSWORD=${s.dbPassword}`,
    "",
  ].join("\n");
}

/** The variables that shell lines in the chroot refer to (`$LAB_USER_PASSWORD`), so argv holds no value. */
export function secretVars(s: LabSecrets): Record<string, string> {
  return {
    LAB_USER_PASSWORD: s.userPassword,
    LAB_APP_CREDENTIAL_SECRET: s.appCredentialSecret,
    LAB_EC2_BLOB: JSON.stringify({ access: s.ec2Access, secret: s.ec2Secret }),
  };
}

function authUrl(port: number): string {
  return `http://127.0.0.1:${port}/v3`;
}

function userEnv(port: number, user: string, password: string, project: string, domain: string) {
  return {
    OS_AUTH_URL: authUrl(port),
    OS_IDENTITY_API_VERSION: "3",
    OS_USERNAME: user,
    OS_PASSWORD: password,
    OS_PROJECT_NAME: project,
    OS_USER_DOMAIN_NAME: domain,
    OS_PROJECT_DOMAIN_NAME: domain,
  };
}
