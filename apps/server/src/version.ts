// Bumped with releases; the about page and OpenAPI document show it.
export const appVersion = '0.1.0';
