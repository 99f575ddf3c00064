/**
 * Every database column that holds a secret box. A box is bound to where it is stored (table, column, row id):
 * callers name the column by one of these constants and the row by its id, never by free strings. The key
 * purpose (HKDF info) is the one each column had before binding, so the upgrade can still open its v1 values.
 */
export const CONNECTOR_API_KEY = { table: "connectors", column: "api_key_ciphertext", keyPurpose: "atlassian-api-key" } as const;
export const CHANNEL_SECRET = { table: "notification_channels", column: "secret_ciphertext", keyPurpose: "notification-channel" } as const;
export const DEVICE_CA_KEY = { table: "device_cas", column: "key_ciphertext", keyPurpose: "device-ca-key" } as const;
export const SSO_CLIENT_SECRET = { table: "sso_configs", column: "client_secret_ciphertext", keyPurpose: "sso-client-secret" } as const;

export const SECRET_COLUMNS = [CONNECTOR_API_KEY, CHANNEL_SECRET, DEVICE_CA_KEY, SSO_CLIENT_SECRET] as const;
export type SecretColumn = (typeof SECRET_COLUMNS)[number];

/** Where a box lives: only the (table, column) pairs above, and the uuid of its row. */
export type SecretBinding = SecretColumn extends infer C
  ? C extends SecretColumn
    ? Readonly<{ table: C["table"]; column: C["column"]; rowId: string }>
    : never
  : never;

export const bindSecret = (column: SecretColumn, rowId: string): SecretBinding => ({ table: column.table, column: column.column, rowId }) as SecretBinding;

/** The column a binding names (its key purpose among it). */
export const columnOf = (binding: SecretBinding): SecretColumn => {
  const column = SECRET_COLUMNS.find((c) => c.table === binding.table && c.column === binding.column);
  if (!column) throw new TypeError(`${binding.table}.${binding.column} is not a secret column`);
  return column;
};
