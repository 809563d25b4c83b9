import { settingsDiff } from './settings-diff';

describe('settingsDiff', () => {
  it('names each changed, added and removed leaf by its path', () => {
    const before = { Batch: { Size: 100, Linger: '00:00:01' }, Workers: 4, Old: true };
    const after = { Batch: { Size: 200, Linger: '00:00:01' }, Workers: 4, Queues: ['a'] };
    expect(settingsDiff(before, after)).toEqual([
      { path: 'Batch.Size', before: 100, after: 200 },
      { path: 'Old', before: true, after: undefined },
      { path: 'Queues', before: undefined, after: ['a'] },
    ]);
  });

  it('lists every setting of a first version as added', () => {
    expect(settingsDiff(null, { Workers: 4 })).toEqual([{ path: 'Workers', before: undefined, after: 4 }]);
  });

  it('finds nothing between equal versions', () => {
    expect(settingsDiff({ A: { B: [1, 2] } }, { A: { B: [1, 2] } })).toEqual([]);
  });
});
