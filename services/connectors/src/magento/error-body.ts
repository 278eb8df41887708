// Magento error bodies: {"message":"<template with %1 or %name>","parameters":[...] | {name: value}}.

export interface MagentoErrorInfo {
  readonly message: string;
  readonly template: string;
  readonly parameters?: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string => {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
};

/** Render "%1"/"%2" from an array (1-based) or "%name" from an object; unknown placeholders stay as they are. */
export function renderMagentoMessage(template: string, parameters: unknown): string {
  if (Array.isArray(parameters)) {
    return template.replace(/%(\d+)/g, (m, n: string) => {
      const i = Number(n) - 1;
      return i >= 0 && i < parameters.length ? show(parameters[i]) : m;
    });
  }
  if (isObj(parameters)) {
    // Names match greedily, so %fieldValue is one placeholder, never %field + "Value".
    return template.replace(/%([A-Za-z_][A-Za-z0-9_]*)/g, (m, name: string) =>
      Object.hasOwn(parameters, name) ? show(parameters[name]) : m,
    );
  }
  return template;
}

export function parseMagentoError(body: unknown): MagentoErrorInfo | undefined {
  if (!isObj(body) || typeof body['message'] !== 'string') return undefined;
  const template = body['message'];
  const parameters = body['parameters'];
  return {
    template,
    message: renderMagentoMessage(template, parameters),
    ...(parameters !== undefined ? { parameters } : {}),
  };
}
