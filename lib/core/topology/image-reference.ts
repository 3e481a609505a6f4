/**
 * Container image references, checked the way the container runtime parses them: the grammar of
 * distribution/reference (`reference.go`, regexps in `regexp.go`, which containerd, CRI-O and
 * kubelet's image pulls use), and the digest rules of opencontainers/go-digest
 * (`algorithm.go` `anchoredEncodedRegexps`: sha256, sha384 and sha512 as 64, 96 and 128
 * lower-case hex characters; `reference.Parse` calls `digest.Parse`, so an unknown algorithm or a
 * wrong length is refused too).
 *
 *     reference  := name [ ":" tag ] [ "@" digest ]
 *     name       := [domain '/'] remote-name
 *     domain     := host [':' port-number]
 *     tag        := /[\w][\w.-]{0,127}/
 *     digest     := algorithm ":" hex
 */

// distribution/reference regexp.go, transcribed
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
const IPV6_ADDRESS = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})(?::[0-9]+)?`;
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';

/** distribution/reference `referencePat`: name, tag, digest captured. */
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** distribution/reference `anchoredNamePat`: domain and remote name of a name. */
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);

/** distribution/reference `RepositoryNameTotalLengthMax`: the remote name (path) at most 255 characters. */
export const REPOSITORY_PATH_MAX = 255;

/** go-digest algorithm.go: hex length of each registered algorithm (encoded as lower-case hex). */
export const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** A parsed image reference. */
export interface ImageReference {
  /** `[domain/]path`, without tag or digest. */
  readonly name: string;
  readonly tag?: string;
  /** `algorithm:hex`. */
  readonly digest?: string;
}

/** Why `digest` is not a digest the runtime accepts (`sha256:<64 hex>`, sha384, sha512), or undefined. */
export function digestError(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = colon < 0 ? '' : digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = Object.hasOwn(DIGEST_HEX_LENGTH, algorithm) ? DIGEST_HEX_LENGTH[algorithm] : undefined;
  if (length === undefined) return `is not <algorithm>:<hex> with algorithm ${Object.keys(DIGEST_HEX_LENGTH).join(', ')}`;
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `must be ${algorithm}: followed by ${length} lower-case hex characters`;
  return undefined;
}

/** Parses `ref` as the runtime would; a string saying what is wrong when it is not a reference. */
export function parseImageReference(ref: string): ImageReference | string {
  if (ref === '') return 'is empty';
  const m = REFERENCE.exec(ref);
  if (!m) {
    // the same hint distribution gives (ErrNameContainsUppercase)
    if (ref.toLowerCase() !== ref && REFERENCE.test(ref.toLowerCase())) return 'has upper-case letters in the repository name (it must be lower-case)';
    return 'is not an image reference ([registry[:port]/]repository[:tag][@sha256:<hex>], lower-case repository)';
  }
  const [, name, tag, digest] = m;
  const path = ANCHORED_NAME.exec(name)?.[2] ?? name;
  if (path.length > REPOSITORY_PATH_MAX) return `has a repository name of ${path.length} characters (at most ${REPOSITORY_PATH_MAX})`;
  if (digest !== undefined) {
    const err = digestError(digest);
    if (err) return `has a digest that ${err}`;
  }
  return { name, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}
