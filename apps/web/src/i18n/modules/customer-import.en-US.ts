import type { CustomerImportResources } from './customer-import.zh-CN';

/** English strings of the customer-import pages, typed against the Chinese so a missing key fails the type check. */
const customerImportEnUS: CustomerImportResources = {
  title: 'Import customers',
};

export default customerImportEnUS;
