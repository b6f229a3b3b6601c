/** Simplified Chinese strings of the customer-import pages (namespace `customerImport` in the resources). */
const customerImportZhCN = {
  title: '导入客户',
};

export default customerImportZhCN;
export type CustomerImportResources = typeof customerImportZhCN;
