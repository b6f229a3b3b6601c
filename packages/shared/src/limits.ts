/** Hard limits shared by server validation and web forms. */
export const limits = {
  pageSizeDefault: 20,
  pageSizeMax: 200,
  nameMax: 100,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 128,
  phoneMax: 32,
  departmentNameMax: 60,
  tokenNameMax: 60,
  searchMax: 100,
  bodyBytesMax: 1_048_576,
} as const;
