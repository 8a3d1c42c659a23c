// Every enum value needs a one-line description in x-enumDescriptions (shown by Redoc), and nothing else may be described.
export default function enumDescriptions(schema) {
  const values = schema.enum || [];
  const described = schema["x-enumDescriptions"] || {};
  const problems = [];
  for (const value of values) {
    const text = described[value];
    if (typeof text !== "string" || !text.trim() || text.trim().includes("\n")) {
      problems.push({ message: `enum value "${value}" has no one-line description in x-enumDescriptions` });
    }
  }
  for (const key of Object.keys(described)) {
    if (!values.includes(key)) problems.push({ message: `x-enumDescriptions describes "${key}", which is not in the enum` });
  }
  return problems;
}
