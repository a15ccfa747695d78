// The local account's ECR names and the name the Docker engine knows them by. A build writes
// `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag]` (aws-semantics §3: buildspecs build that
// URI by hand as often as they take RepositoryUri); the engine cannot reach that host without DNS
// and TLS changes, so the proxy hands it `localhost:<port>/<repo>` instead, the local registry under
// a name no one else uses for it (RepositoryUri says 127.0.0.1:<port>), which keeps the mapping
// one-to-one: every `localhost:<port>/` the engine answers with was an ECR name on the way in.
// Docker treats localhost as an insecure registry (its default insecure range is 127.0.0.0/8), so
// it speaks plain HTTP to up's port as it does to 127.0.0.1.
import { urlSuffixOf } from '../../cloudformation/aws-location.js';

/** `<account>.dkr.ecr.<region>.amazonaws.com` (`.com.cn` in China), ECR's registry host (ECR User Guide, "Private registry concepts"). */
export function ecrHostOf(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.${urlSuffixOf(region)}`;
}

/** `localhost:<port>` for a registry at `127.0.0.1:<port>`: the engine's name for the local account's ECR host. */
export function engineAliasOf(registryHost: string): string {
  const port = registryHost.slice(registryHost.lastIndexOf(':') + 1);
  return `localhost:${port}`;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A host at the start of an image reference: not inside a longer host name, followed by `/`. */
function referencePattern(host: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9.-])${escaped(host)}(?=/)`, 'gi');
}

/** Rewrites image references between the ECR host builds write and the alias the engine sees. */
export class EcrNames {
  private readonly inboundPattern: RegExp;
  private readonly outboundPattern: RegExp;

  constructor(
    /** `000000000000.dkr.ecr.us-east-1.amazonaws.com` */
    readonly ecrHost: string,
    /** `localhost:4610` */
    readonly alias: string,
  ) {
    this.inboundPattern = referencePattern(ecrHost);
    this.outboundPattern = referencePattern(alias);
  }

  /** Every reference `<ecr host>/...` in a text (a path, a query value, a JSON body) as `<alias>/...`. */
  inbound(text: string): string {
    return text.replace(this.inboundPattern, `$1${this.alias}`);
  }

  /** Every reference `<alias>/...` in an answer as `<ecr host>/...`, so `docker images` shows the ECR name. */
  outbound(text: string): string {
    return text.replace(this.outboundPattern, `$1${this.ecrHost}`);
  }

  /**
   * A registry server address as `docker login` sends it (`https://<ecr host>`, `<ecr host>`,
   * with or without a trailing `/`): the alias when it names the ECR host, else unchanged.
   */
  inboundServer(address: string): string {
    const host = address.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
    return host.toLowerCase() === this.ecrHost.toLowerCase() ? this.alias : address;
  }
}
