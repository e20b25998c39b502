import type { Response } from 'express';

function renderView(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.app.render(view, locals, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? '')));
  });
}

export type PageModel = { title: string } & Record<string, unknown>;

/**
 * Renders a view into the one layout. View models are plain objects, never DB rows or the request.
 * `res.locals` carries what every page needs (t, locale, nonce, session token).
 */
export async function renderPage(res: Response, view: string, model: PageModel, status = 200): Promise<void> {
  const locals = { ...res.locals, ...model };
  const body = await renderView(res, view, locals);
  const html = await renderView(res, 'layouts/main', { ...locals, body });
  res.status(status).type('html').send(html);
}
