import dns from "node:dns";
import https from "node:https";
import forge from "node-forge";
import { chromium } from "playwright";

const origLookup = dns.lookup, origP = dns.promises.lookup;
const isLocal = (h) => typeof h === "string" && h.endsWith(".localhost");
dns.lookup = function (host, opts, cb) {
  if (!isLocal(host)) return origLookup.apply(this, arguments);
  if (typeof opts === "function") { cb = opts; opts = {}; }
  const all = typeof opts === "object" && opts?.all;
  process.nextTick(() => all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4));
};
dns.promises.lookup = async (host, opts) => isLocal(host) ? ((opts?.all) ? [{ address: "127.0.0.1", family: 4 }] : { address: "127.0.0.1", family: 4 }) : origP(host, opts);

const pki = forge.pki;
const mk = (cn, issuer, issuerKey, isCa) => {
  const keys = pki.rsa.generateKeyPair(2048);
  const c = pki.createCertificate();
  c.publicKey = keys.publicKey; c.serialNumber = "0" + forge.util.bytesToHex(forge.random.getBytesSync(8));
  c.validity.notBefore = new Date(Date.now() - 60000); c.validity.notAfter = new Date(Date.now() + 86400000);
  c.setSubject([{ name: "commonName", value: cn }]); c.setIssuer(issuer ? issuer.subject.attributes : [{ name: "commonName", value: cn }]);
  c.setExtensions(isCa ? [{ name: "basicConstraints", cA: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true }] : [{ name: "basicConstraints", cA: false }, { name: "extKeyUsage", clientAuth: true, serverAuth: true }, { name: "subjectAltName", altNames: [{ type: 2, value: "*.atlassian.net.proxy.localhost" }] }]);
  c.sign(issuerKey ?? keys.privateKey, forge.md.sha256.create());
  return { cert: c, key: keys.privateKey, certPem: pki.certificateToPem(c), keyPem: pki.privateKeyToPem(keys.privateKey) };
};
const ca = mk("Test CA", null, null, true);
const server = mk("server", ca.cert, ca.key, false);
const client = mk("laptop-42", ca.cert, ca.key, false);
const srv = https.createServer({ key: server.keyPem, cert: server.certPem, requestCert: true, rejectUnauthorized: false, ca: [ca.certPem] }, (req, res) => {
  const pc = req.socket.getPeerCertificate();
  res.end(`<html><body>authorized=${req.socket.authorized} cn=${pc?.subject?.CN ?? "none"} host=${req.headers.host}</body></html>`);
});
await new Promise((r) => srv.listen(0, "127.0.0.1", r));
const port = srv.address().port;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const url = `https://acme.atlassian.net.proxy.localhost:${port}/`;
for (const withCert of [false, true]) {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, ...(withCert ? { clientCertificates: [{ origin: `https://acme.atlassian.net.proxy.localhost:${port}`, cert: Buffer.from(client.certPem), key: Buffer.from(client.keyPem) }] } : {}) });
  const page = await ctx.newPage();
  try { await page.goto(url); console.log(withCert, await page.textContent("body")); } catch (e) { console.log(withCert, "ERR", e.message.split("\n")[0]); }
  await ctx.close();
}
await browser.close(); srv.close();
