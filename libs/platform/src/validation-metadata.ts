import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

const memoized = new WeakSet<MetadataStorage>();

/**
 * Makes class-validator look up a class's rules once instead of on every validation.
 *
 * Each `validate` asks the metadata storage for the class's rules, and the storage finds inherited ones by
 * testing every decorated class of the process (typestack/class-validator#2686): 2.5% of the gateway's CPU
 * under the purchase benchmark, more than the checks themselves. A class's rules are all registered when its
 * module loads, before anything of it is validated; a registration after that (a class loaded later) clears
 * the memo anyway, so an answer is never stale. Idempotent (class-validator's storage is global to the process).
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (memoized.has(storage)) {
    return;
  }
  memoized.add(storage);
  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let answers = new WeakMap<object, Map<string, ReturnType<Lookup>>>();

  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    register(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let ofTarget = answers.get(target);
    if (!ofTarget) {
      ofTarget = new Map();
      answers.set(target, ofTarget);
    }
    let answer = ofTarget.get(key);
    if (!answer) {
      answer = lookUp(target, schema, always, strictGroups, groups);
      ofTarget.set(key, answer);
    }
    return answer;
  };
}
