// Demo accounts for trying Paperboy locally. Not created when NODE_ENV=production.
export interface UserSeed {
  handle: string;
  email: string;
  name: string;
  password: string;
  role: "READER" | "CURATOR" | "ADMIN";
}

export const DEMO_USERS: UserSeed[] = [
  { handle: "reader", email: "reader@paperboy.local", name: "Rita Reader", password: "paperboy-reader", role: "READER" },
  { handle: "curator", email: "curator@paperboy.local", name: "Cora Curator", password: "paperboy-curator", role: "CURATOR" },
  { handle: "admin", email: "admin@paperboy.local", name: "Ada Admin", password: "paperboy-admin", role: "ADMIN" },
];
