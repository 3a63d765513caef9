import { PERMISSIONS, refusal, type Permission, type Role } from "@/lib/auth/roles.ts";
import { PageTitle } from "./page-title.tsx";

/** A page the signed-in role may not open: says so, as the API's 403 would. */
export function NotPermitted({ title, role, permission }: { title: string; role: Role; permission: Permission }) {
  return (
    <>
      <PageTitle title={title} />
      <p role="alert" className="status-error">
        {refusal(role, permission) ?? PERMISSIONS[permission]}.
      </p>
    </>
  );
}
