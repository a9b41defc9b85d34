import { generate } from 'selfsigned';

/**
 * A self-signed certificate, its own CA, for one IP address: a TLS server in a test presents it,
 * and a client trusts it only when given the certificate (`ca`), as it would a private CA.
 */
export async function certificateFor(ip: string): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: ip }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
