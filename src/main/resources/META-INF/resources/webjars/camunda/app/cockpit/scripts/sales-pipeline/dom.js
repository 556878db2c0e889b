// Building DOM without HTML strings: every text (stage, owner and company names, business keys, error
// messages) goes in as a text node or an attribute value, so nothing from the data is ever parsed as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('div', {className: 'x', dataset: {stageKey: 'A'}, onClick: fn, title: 't'}, 'text', childNode, [more])
 * Props: className, dataset (data-* attributes), text (textContent), on* (event listeners); anything else
 * is set with setAttribute. null / undefined / false props and children are left out.
 */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** The same for SVG elements. */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
  return node;
}

/** Replaces the children of a node. */
export function replace(node, ...children) {
  clear(node);
  appendAll(node, children);
  return node;
}

function build(element, props, children) {
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'className') {
      element.setAttribute('class', value);
    } else if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) {
        if (data !== null && data !== undefined) {
          element.dataset[key] = String(data);
        }
      }
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendAll(element, children);
  return element;
}

function appendAll(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}
