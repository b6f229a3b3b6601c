// Filled by issue 6 work in progress.
export {};
