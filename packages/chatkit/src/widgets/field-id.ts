// Element ids tying a Label (`fieldName`) to its control (`name`) inside one rendered widget.
export function fieldId(uid: string, name: string): string {
  return `${uid}-f-${name.replace(/[^\w.-]/g, '_')}`;
}
