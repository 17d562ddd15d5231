// Builds elements from data. Text is always set as text (never parsed as HTML): job titles, URLs and
// responses come from users and targets.

const SVG = 'http://www.w3.org/2000/svg';

/** h('a', {href: '#/'}, 'Jobs'): attributes (false/null/undefined are left out), then children. */
export function h(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/** The same for SVG elements. */
export function s(tag, attributes = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attributes, children);
}

function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Replaces an element's content. */
export function show(element, ...children) {
  element.replaceChildren();
  fill(element, {}, children);
  return element;
}
