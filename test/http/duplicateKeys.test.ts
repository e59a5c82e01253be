import { findDuplicateKey } from '../../src/interfaces/http/duplicateKeys';

describe('findDuplicateKey', () => {
  it.each([
    ['a name twice at the top', '{"a":1,"b":2,"a":3}', 'a'],
    ['a name twice in a nested object', '{"a":{"x":1,"x":2}}', 'x'],
    ['a name twice in an object inside an array', '[1,{"x":1,"y":[2,3],"x":2}]', 'x'],
    ['the same name written with an escape', '{"username":"a","us\\u0065rname":"b"}', 'username'],
    ['__proto__ twice', '{"__proto__":1,"__proto__":2}', '__proto__'],
    ['names differing only after an escaped quote', '{"a\\"":1,"a\\"":2}', 'a"'],
    ['a duplicate after 5000 levels of nesting', `${'['.repeat(5000)}{"a":1,"a":2}${']'.repeat(5000)}`, 'a'],
  ])('finds %s', (_what, text, name) => {
    expect(findDuplicateKey(text)).toBe(name);
  });

  it.each([
    ['distinct names', '{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}'],
    ['a string value that looks like a name', '{"a":"b","b":"a","c":["a","a"]}'],
    ['braces, commas and quotes inside strings', '{"a":"{\\"a\\":1,","b":"}],\\"a\\":"}'],
    ['names that differ in case', '{"a":1,"A":2}'],
    ['the same name in sibling objects', '[{"a":1},{"a":2}]'],
    ['no object at all', '[1,"a","a"]'],
  ])('finds none in %s', (_what, text) => {
    expect(findDuplicateKey(text)).toBeNull();
  });

});
