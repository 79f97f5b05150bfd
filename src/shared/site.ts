/** Names used across the book's pages. */
export const SITE_TITLE = 'Async Talk';
export const SITE_SUBTITLE = 'Async networking in Python with gevent, Concurrence, Twisted, Eventlet (& Node.js)';
export const SITE_DESCRIPTION =
  'A self-paced book and the slide deck of a talk on async networking in Python: Twisted, Eventlet, gevent and Concurrence, with Node.js as the counterpoint, and live demos.';
