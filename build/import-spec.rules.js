// The import rules of build/import-spec.sh, as Redocly decorators (plugin id `cadenza`).
// build/import-spec.redocly.yaml switches them on, in order, each with the one line that says which upstream
// defect or NSwag limitation it answers. Every rule is a function of the document alone: importing the same
// upstream file twice gives the same bytes, and a new upstream revision needs no hand edit.
'use strict';

const WEBSOCKET_TAG = 'WebSocket';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// openapi-generator's camelize for model and tag names: `authLogin_200_response` → `AuthLogin200Response`,
// `Trading Account Portfolio` → `TradingAccountPortfolio`. Letters keep their case except the first of each word.
function pascalCase(name) {
  return String(name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

// An enum member name for a value (or for upstream's x-enum-varnames entry): words split on anything but letters
// and digits and on lower→upper steps, a word in capitals only is title-cased (`PARTIALLY_FILLED` →
// `PartiallyFilled`, `HTTP_SERVER` → `HttpServer`), other words keep their letters (`orderBook` → `OrderBook`,
// `B2C2` → `B2C2`). '' is `Empty` (openapi-generator's name); a name that would start with a digit gets `Value`.
function enumMemberName(value) {
  const words = String(value).split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length === 0) {
    return 'Empty';
  }

  const name = words
    .map((word) => (/^[A-Z]+$/.test(word) ? word[0] + word.slice(1).toLowerCase() : word[0].toUpperCase() + word.slice(1)))
    .join('');
  return /^[0-9]/.test(name) ? 'Value' + name : name;
}

function fail(message) {
  throw new Error('import rule: ' + message);
}

// Calls visit(node, parent, key) for every object and array in the tree, depth first.
function walk(node, visit, parent, key) {
  if (node === null || typeof node !== 'object') {
    return;
  }

  visit(node, parent, key);
  for (const k of Object.keys(node)) {
    walk(node[k], visit, node, k);
  }
}

function schemas(root) {
  return (root.components && root.components.schemas) || {};
}

const rules = {
  // Moves the WebSocket "operation" (its path item, description and examples kept verbatim) to `x-websocket-api`.
  'websocket-out-of-paths': (root) => {
    const moved = {};
    for (const [path, item] of Object.entries(root.paths || {})) {
      const methods = HTTP_METHODS.filter((m) => item[m]);
      if (methods.length > 0 && methods.every((m) => (item[m].tags || []).includes(WEBSOCKET_TAG))) {
        moved[path] = item;
        delete root.paths[path];
      }
    }

    if (Object.keys(moved).length > 0) {
      root['x-websocket-api'] = moved;
    }
  },

  // Replaces a oneOf that has no discriminator by an open object; its description names the alternatives.
  'open-undiscriminated-oneof': (root) => {
    walk(root, (node) => {
      if (Array.isArray(node.oneOf) && !node.discriminator) {
        const names = node.oneOf.map((s) => (s.$ref ? s.$ref.split('/').pop() : s.type || 'inline schema'));
        const alternatives = 'One of (not told apart on the wire, so not typed here): ' + names.join(', ') + '.';
        node.description = node.description ? node.description.replace(/\s*$/, '') + '\n\n' + alternatives : alternatives;
        delete node.oneOf;
        node.type = 'object';
        node.additionalProperties = {};
      }
    });
  },

  // Writes a free-form object (`type: object`, no properties, `additionalProperties: true`) as
  // `additionalProperties: {}`: the same schema, which NSwag turns into IDictionary<string, object> instead of `object`.
  'free-form-objects-as-dictionaries': (root) => {
    walk(root, (node) => {
      if (node.type === 'object' && node.additionalProperties === true && !node.properties) {
        node.additionalProperties = {};
      }
    });
  },

  // Drops names from `required` that the schema does not define.
  'required-properties-defined': (root) => {
    walk(root, (node) => {
      if (Array.isArray(node.required) && node.properties && typeof node.properties === 'object') {
        node.required = node.required.filter((name) => Object.prototype.hasOwnProperty.call(node.properties, name));
        if (node.required.length === 0) {
          delete node.required;
        }
      }
    });
  },

  // Renames components.schemas keys to PascalCase and rewrites every $ref to them (extensions included).
  'pascal-case-schema-names': (root) => {
    const all = schemas(root);
    const renamed = {};
    const byNewName = {};
    for (const name of Object.keys(all)) {
      const next = pascalCase(name);
      if (byNewName[next] !== undefined) {
        fail(`schemas '${byNewName[next]}' and '${name}' would both be named '${next}'`);
      }

      byNewName[next] = name;
      renamed[name] = next;
    }

    const prefix = '#/components/schemas/';
    walk(root, (node) => {
      if (typeof node.$ref === 'string' && node.$ref.startsWith(prefix)) {
        const target = node.$ref.slice(prefix.length);
        node.$ref = prefix + (renamed[target] || target);
      }
    });

    const ordered = {};
    for (const name of Object.keys(all)) {
      ordered[renamed[name]] = all[name];
    }

    root.components.schemas = ordered;
  },

  // Gives every tag a name without spaces (operations follow) and keeps the original as x-displayName.
  'pascal-case-tags': (root) => {
    const renamed = {};
    for (const tag of root.tags || []) {
      const next = pascalCase(tag.name);
      if (next !== tag.name) {
        renamed[tag.name] = next;
        tag['x-displayName'] = tag['x-displayName'] || tag.name;
        tag.name = next;
      }
    }

    for (const item of Object.values(root.paths || {})) {
      for (const method of HTTP_METHODS) {
        if (item[method] && Array.isArray(item[method].tags)) {
          item[method].tags = item[method].tags.map((t) => renamed[t] || pascalCase(t));
        }
      }
    }
  },

  // Adds x-enumNames (NSwag's extension for member names) to every string enum.
  'enum-member-names': (root) => {
    walk(root, (node) => {
      if (!Array.isArray(node.enum) || node.type !== 'string' || node['x-enumNames']) {
        return;
      }

      const sources = Array.isArray(node['x-enum-varnames']) && node['x-enum-varnames'].length === node.enum.length
        ? node['x-enum-varnames']
        : node.enum;
      const names = sources.map(enumMemberName);
      const duplicate = names.find((n, i) => names.indexOf(n) !== i);
      if (duplicate) {
        fail(`enum [${node.enum.join(', ')}] would have two members named '${duplicate}'`);
      }

      node['x-enumNames'] = names;
    });
  },

  // Deletes the examples listed (as JSON pointers) in the file named by CADENZA_INVALID_EXAMPLES: the ones that
  // Redocly's own no-invalid-*-examples rules reject in the document the other rules produced.
  'drop-invalid-examples': (root) => {
    const listing = process.env.CADENZA_INVALID_EXAMPLES;
    if (!listing) {
      return;
    }

    const pointers = require('fs').readFileSync(listing, 'utf8').split('\n').filter(Boolean);
    for (const pointer of pointers) {
      const parts = pointer.replace(/^#\//, '').split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
      // Cut at the example itself: `…/example/…` or `…/examples/<name>/…`.
      const at = parts.lastIndexOf('example') >= 0 ? parts.lastIndexOf('example') : parts.lastIndexOf('examples') + 1;
      if (at <= 0) {
        continue;
      }

      let node = root;
      for (const part of parts.slice(0, at)) {
        node = node && node[part];
      }

      if (node && typeof node === 'object') {
        delete node[parts[at]];
        if (parts[at - 1] === 'examples' && Object.keys(node).length === 0) {
          let owner = root;
          for (const part of parts.slice(0, at - 1)) {
            owner = owner[part];
          }

          delete owner.examples;
        }
      }
    }
  },
};

module.exports = function cadenzaImportRules() {
  const decorators = {};
  for (const [id, apply] of Object.entries(rules)) {
    decorators[id] = () => ({ Root: { leave: apply } });
  }

  return { id: 'cadenza', decorators: { oas3: decorators } };
};

module.exports.pascalCase = pascalCase;
module.exports.enumMemberName = enumMemberName;
