import type { NumberSetting } from '../../lib/catalog/setting.ts';

/** A NumberField's props from a settings catalog entry: label, the UI's range and step, help, path. */
export function settingProps(setting: NumberSetting) {
  const { label, ui, help, path } = setting;
  return { label, min: ui.min, max: ui.max, step: ui.step, hint: help, path };
}
