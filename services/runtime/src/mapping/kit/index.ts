// The mapping kit (STYLE.md "Mappings read like a table"), shared by every mapping in every service.
export { defineMapping, type FieldTable, type Mapping, type MappingInfo } from './define';
export { constant, each, from, nested, unset, Field, type NullPolicy } from './field';
export { formatProblems, reject, Rejection, type MapResult, type Note, type Problem } from './problems';
export { defineTable, lookup, lookupIn, type Table } from './table';
export { transform, type Transform } from './transform';
export { renderMapping, renderMappingGroups, renderMappings, renderTable, type MappingGroup } from './render';
