// Preloaded (node --import) into a Palpable process under test: every attempt to open a TCP
// connection or resolve a host name that is not this machine is refused and reported on stderr
// as "EGRESS <target>", so a check can fail on it. Palpable must not phone home; the only
// outbound connections it may make are the ones configured (SMTP_URL, DATABASE_URL).
import dns from "node:dns";
import net from "node:net";

process.stderr.write("egress guard active\n");

const allowed = new Set((process.env.PALPABLE_EGRESS_ALLOW ?? "").split(",").filter(Boolean));

function isLocal(host) {
  if (host === undefined || host === null || host === "") return true; // Node's default: localhost.
  const name = String(host)
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return (
    allowed.has(name) ||
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    name === "0.0.0.0" ||
    name === "::" ||
    /^127\./.test(name) ||
    /^::ffff:127\./.test(name)
  );
}

function report(what) {
  process.stderr.write(`EGRESS ${what}\n`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect() passes its normalised [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options =
    typeof first === "object" && first !== null ? first : typeof first === "number" ? { port: first, host: args[1] } : { path: first };
  if (options.path === undefined && !isLocal(options.host)) {
    report(`connect ${options.host}:${options.port}`);
    process.nextTick(() => this.destroy(new Error(`outbound connection to ${options.host} refused`)));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (!isLocal(hostname)) report(`dns ${hostname}`);
  return lookup.call(this, hostname, ...rest);
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  if (!isLocal(hostname)) report(`dns ${hostname}`);
  return promisesLookup.call(this, hostname, ...rest);
};
