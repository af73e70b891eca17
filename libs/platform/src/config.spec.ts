import { IsString, MinLength } from 'class-validator';
import { loadConfig } from './config';
import { Secret } from './config.fields';

class ExampleConfig {
  @IsString()
  @MinLength(10)
  NAME = 'a long enough name';

  @Secret()
  @IsString()
  @MinLength(32)
  SIGNING_SECRET = 'x'.repeat(32);
}

describe(loadConfig.name, () => {
  it('names a bad setting and shows its value', () => {
    expect(() => loadConfig(ExampleConfig, { NAME: 'short' })).toThrow(/NAME="short"/);
  });

  it('names a bad secret setting without showing its value', () => {
    const load = () => loadConfig(ExampleConfig, { SIGNING_SECRET: 'hunter2-leaked' });
    expect(load).toThrow(/SIGNING_SECRET=\(hidden\)/);
    expect(load).not.toThrow(/hunter2/);
  });
});
