#!/usr/bin/env node
/**
 * Validate rendered Kubernetes manifests (`helm template … > rendered.yaml`) against the published
 * Kubernetes API schemas, strictly: wrong types, missing required fields, values outside an enum
 * and unknown fields all fail.
 *
 * - Types, required fields, enums and formats: `kubernetes-models` (JSON schemas compiled from the
 *   Kubernetes OpenAPI document, release 1.36.0, the release nearest 1.35 published to the npm
 *   registry: no package there carries the 1.35 document itself) and, for the Prometheus
 *   Operator's ServiceMonitor CRD, `@kubernetes-models/prometheus-operator` (compiled from the
 *   CRD's published openAPIV3Schema).
 * - Unknown fields: the field lists of `@kubernetes/client-node` (generated from the same
 *   OpenAPI document): every key of every object must be a field of its type, as
 *   `kubectl apply --validate=strict` (server-side field validation) demands. The ServiceMonitor's
 *   unknown fields are NOT checked: no package publishes its field list, and a CRD's structural
 *   schema prunes unknown fields instead of refusing them; its types are checked.
 *
 * Usage: node scripts/validate-k8s-manifests.mjs RENDERED.yaml [MORE.yaml …]
 * Prints one line per document and per problem; exits 0 when every document is valid, 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import YAML from 'yaml';

/** Where each apiVersion/kind's model lives, and its client-node type (for the field lists). */
function modelOf(apiVersion, kind) {
  if (apiVersion === 'monitoring.coreos.com/v1') {
    return { module: `@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${kind}`, fieldsOf: null };
  }
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  const typeName = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
  return { module, fieldsOf: typeof k8s[typeName]?.getAttributeTypeMap === 'function' ? typeName : undefined };
}

/** Field lists of a client-node type: JSON name → declared type. */
function fieldsOf(typeName) {
  const model = k8s[typeName];
  if (typeof model?.getAttributeTypeMap !== 'function') return undefined;
  return new Map(model.getAttributeTypeMap().map((field) => [field.baseName, field.type]));
}

/** Every key of `value` that its declared type does not have, as JSON pointers. */
function unknownFields(value, typeName, pointer) {
  const found = [];
  const array = /^Array<(.+)>$/.exec(typeName);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(typeName);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => found.push(...unknownFields(item, array[1], `${pointer}/${i}`)));
    return found;
  }
  if (map) {
    if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) found.push(...unknownFields(item, map[1], `${pointer}/${key}`));
    return found;
  }
  const fields = fieldsOf(typeName);
  if (!fields || !value || typeof value !== 'object' || Array.isArray(value)) return found;
  for (const [key, item] of Object.entries(value)) {
    if (!fields.has(key)) found.push(`${pointer}/${key}: unknown field (not in ${typeName})`);
    else found.push(...unknownFields(item, fields.get(key), `${pointer}/${key}`));
  }
  return found;
}

/** Problems of one manifest, each as "pointer: message". */
async function problemsOf(doc) {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['/: apiVersion and kind are required'];
  const { module, fieldsOf: typeName } = modelOf(apiVersion, kind);
  let Model;
  try {
    Model = (await import(module))[kind];
  } catch {
    return [`/: no published schema for ${apiVersion} ${kind}`];
  }
  const problems = [];
  try {
    new Model(doc).validate();
  } catch (error) {
    const details = Array.isArray(error.details) ? error.details : [];
    if (details.length === 0) problems.push(`/: ${error.message}`);
    for (const d of details) {
      const where = d.instancePath || '/';
      const extra = d.params && Object.keys(d.params).length ? ` (${JSON.stringify(d.params)})` : '';
      problems.push(`${where}: ${d.message ?? d.keyword}${extra}`);
    }
  }
  if (typeName) problems.push(...unknownFields(doc, typeName, ''));
  return { problems, strict: Boolean(typeName) };
}

async function main(files) {
  if (files.length === 0) {
    process.stderr.write('usage: node scripts/validate-k8s-manifests.mjs RENDERED.yaml [MORE.yaml …]\n');
    process.exit(2);
  }
  let invalid = 0;
  let total = 0;
  for (const file of files) {
    const documents = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
    for (const parsed of documents) {
      if (parsed.errors.length) {
        invalid++;
        console.log(`${path.basename(file)}: invalid YAML: ${parsed.errors[0].message}`);
        continue;
      }
      const doc = parsed.toJS();
      if (!doc || typeof doc !== 'object') continue;
      total++;
      const at = `${path.basename(file)}: ${doc.kind ?? '?'}/${doc.metadata?.name ?? '?'}`;
      const result = await problemsOf(doc);
      const { problems, strict } = Array.isArray(result) ? { problems: result, strict: false } : result;
      if (problems.length) {
        invalid++;
        for (const problem of problems) console.log(`${at} INVALID ${problem}`);
      } else {
        console.log(`${at} valid (${strict ? 'types and unknown fields' : 'types; unknown fields not checked: CRD'})`);
      }
    }
  }
  console.log(`${total - invalid}/${total} manifests valid against the Kubernetes API schemas (kubernetes-models, release 1.36.0)`);
  process.exit(invalid ? 1 : 0);
}

await main(process.argv.slice(2));
