import { samlClient } from "./saml-service-provider";
import { loadSamlProviderConfig } from "./sso-config";

/**
 * The IdP URL to send the browser to: a new AuthnRequest (its ID stored in Postgres for the InResponseTo check) in
 * the HTTP-Redirect binding, with the path to return to as RelayState. Null when no SAML connection is configured.
 */
export const startSamlSignIn = async (options: Readonly<{ returnPath: string }>): Promise<string | null> => {
  const config = await loadSamlProviderConfig();
  if (!config) return null;
  return samlClient(config.idp).getAuthorizeUrlAsync(options.returnPath, undefined, {});
};
