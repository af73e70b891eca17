import { getMetadataStorage, IsInt, IsString, MinLength, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation-metadata';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;

class Named {
  @IsString()
  name!: string;
}

class Priced extends Named {
  @IsInt()
  pricePaise!: number;
}

const messagesOf = (value: object): string[] =>
  validateSync(value).flatMap((error) => Object.values(error.constraints ?? {}));

describe(memoizeValidationMetadata.name, () => {
  it('answers a lookup once per class and arguments, and as the storage itself would', () => {
    // A storage of its own holding the rules of Priced (its own and Named's), so the count below is exact.
    const storage = new (getMetadataStorage().constructor as new () => MetadataStorage)();
    getMetadataStorage()
      .getTargetValidationMetadatas(Priced, '', false, false)
      .forEach((metadata) => storage.addValidationMetadata(metadata));
    const unmemoized = storage.getTargetValidationMetadatas(Priced, '', false, false);
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    memoizeValidationMetadata(storage);
    memoizeValidationMetadata(storage);

    const first = storage.getTargetValidationMetadatas(Priced, '', false, false);
    expect(storage.getTargetValidationMetadatas(Priced, '', false, false)).toBe(first);
    expect(first).toEqual(unmemoized);
    expect(first.map((metadata) => metadata.propertyName).sort()).toEqual(['name', 'pricePaise']);
    expect(lookUp).toHaveBeenCalledTimes(1);

    // Other arguments are another question.
    storage.getTargetValidationMetadatas(Priced, '', true, false, ['admin']);
    expect(lookUp).toHaveBeenCalledTimes(2);
  });

  it('forgets its answers when a rule is registered later', () => {
    memoizeValidationMetadata();
    expect(messagesOf(Object.assign(new Priced(), { name: 'x', pricePaise: 1.5 }))).toEqual([
      'pricePaise must be an integer number',
    ]);
    // A class declared after the first validations, extending one already looked up.
    class Labelled extends Named {
      @MinLength(3)
      label!: string;
    }
    expect(messagesOf(Object.assign(new Labelled(), { name: 7, label: 'ab' })).sort()).toEqual([
      'label must be longer than or equal to 3 characters',
      'name must be a string',
    ]);
    expect(messagesOf(Object.assign(new Named(), { name: 'ok' }))).toEqual([]);
    expect(messagesOf(Object.assign(new Priced(), { name: 'x', pricePaise: 2 }))).toEqual([]);
  });
});
