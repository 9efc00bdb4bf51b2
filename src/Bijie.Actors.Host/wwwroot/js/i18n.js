// Chinese first, English second: every label of the pages in both languages; the choice is kept per browser.
const texts = {
  title: ['毕节组团式帮扶平台', 'Bijie Pairing Assistance'],
  cityBoard: ['毕节市组团式帮扶实时看板', 'Bijie live assistance board'],
  year: ['年度', 'Year'],
  language: ['English', '中文'],
  live: ['实时', 'Live'],
  connecting: ['连接中', 'Connecting'],
  offline: ['已断开，重连中', 'Offline, reconnecting'],
  indicators: ['主要指标', 'Published indicators'],
  yoy: ['同比', 'YoY'],
  noPrevious: ['无上年数据', 'no previous year'],
  map: ['各县（市、区）分布', 'By county'],
  mapIndicator: ['着色指标', 'Colour by'],
  byCounty: ['各县（市、区）合计', 'Totals by county'],
  byDomain: ['分领域', 'By domain'],
  funnel: ['项目库', 'Project library'],
  money: ['招商引资', 'Investment'],
  signed: ['签约', 'Signed'],
  landed: ['落地', 'Landed'],
  landedShare: ['落地率', 'Landed share'],
  pairings: ['结对帮扶', 'Pairings'],
  unitsTownships: ['单位 ↔ 乡镇（街道）', 'Units ↔ townships'],
  enterprisesVillages: ['民营企业 ↔ 村', 'Enterprises ↔ villages'],
  townshipCoverage: ['结对覆盖乡镇（街道）', 'Townships covered by pairings'],
  ticker: ['最新填报', 'Latest reports'],
  topEnterprises: ['民营企业', 'Top enterprises'],
  villages: ['共建村', 'Villages'],
  name: ['名称', 'Name'],
  locality: ['地区', 'Locality'],
  children: ['下辖', 'Below'],
  projects: ['帮扶项目', 'Projects'],
  pairingList: ['结对关系', 'Pairings'],
  status: ['状态', 'Status'],
  domain: ['领域', 'Domain'],
  helper: ['帮扶单位', 'Helper'],
  enterprise: ['民营企业', 'Enterprise'],
  start: ['开始日期', 'Start'],
  end: ['结束日期', 'End'],
  responsible: ['责任人', 'Responsible'],
  none: ['暂无', 'None yet'],
  loading: ['加载中…', 'Loading…'],
  home: ['市级看板', 'City board'],
  report: ['进展填报', 'Report progress'],
  office: ['办公室', 'Office'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  editProgress: ['编辑进展', 'Edit progress'],
  addMilestone: ['添加里程碑', 'Add a milestone'],
  stale: ['他人已修改此项目，请刷新后重试。', 'Someone else changed this project; reload and try again.'],
  matters: ['争取支持事项', 'Support matters'],
  newMatter: ['交办事项', 'Raise a matter'],
  description: ['说明', 'Description'],
  all: ['全部', 'All'],
  open: ['办理中', 'Open'],
  overdue: ['已逾期', 'Overdue'],
  closed: ['已办结', 'Concluded'],
  escalations: ['督办次数', 'Escalations'],
  step_Assigned: ['交办', 'Assigned'],
  step_Undertaken: ['承办', 'Undertaken'],
  step_Concluded: ['办结', 'Concluded'],
  step_FedBack: ['反馈', 'Fed back'],
  nextStep: ['下一步', 'Next step'],
  milestones: ['里程碑', 'Milestones'],
  history: ['状态变更', 'Status history'],
  reports: ['填报记录', 'Reports'],
  signInToSee: ['登录后可查看逐条填报记录。', 'Sign in to see the individual reports.'],
  money_: ['资金', 'Money'],
  budget: ['预算', 'Budget'],
  dueOn: ['计划完成', 'Due'],
  doneOn: ['完成日期', 'Done'],
  date: ['日期', 'Date'],
  values: ['数值', 'Values'],
  reportedBy: ['填报人', 'Reported by'],
  note: ['备注', 'Note'],
  submit: ['提交', 'Submit'],
  cancel: ['取消', 'Cancel'],
  ok: ['确定', 'OK'],
  withdraw: ['撤回', 'Withdraw'],
  correct: ['更正', 'Correct'],
  reason: ['原因', 'Reason'],
  subject: ['结对或项目', 'Pairing or project'],
  saved: ['已保存。', 'Saved.'],
  accepted: ['已提交，看板已更新。', 'Accepted; the boards are updated.'],
  mustSignIn: ['请先登录。', 'Please sign in first.'],
  pickStaff: ['选择用户', 'Select users'],
  allStaff: ['全部人员', 'All staff'],
  selectAll: ['全选', 'Select all'],
  undo: ['撤消', 'Undo'],
  search: ['搜索', 'Search'],
  selected: ['已选', 'Selected'],
  choose: ['选择…', 'Choose…'],
  newPairing: ['新建结对', 'New pairing'],
  newProject: ['新建项目', 'New project'],
  kind: ['类型', 'Kind'],
  title_: ['项目名称', 'Title'],
  proposedOn: ['提出日期', 'Proposed on'],
  move: ['变更状态', 'Move'],
  plannedYear: ['计划实施年度', 'Planned year'],
  importExport: ['导入导出', 'Import and export'],
  export: ['导出', 'Export'],
  import: ['导入', 'Import'],
  file: ['文件', 'File'],
  endPairing: ['结束结对', 'End'],
  pickOne: ['请选择一人。', 'Choose exactly one person.'],
  userName: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  badSignIn: ['用户名或密码错误，或账户已被暂时锁定。', 'Wrong user name or password, or the account is locked for a while.'],
  forbidden: ['当前账户无此权限。', 'Your account may not do this.'],
  total: ['合计', 'Total'],
  since: ['起', 'since'],
  overview: ['概况', 'Overview'],
  coHelpers: ['协同单位', 'Co-helpers'],
  notFound: ['未找到。', 'Not found.'],
  figuresOf: ['指标', 'Figures'],
  stage_InLibrary: ['入库', 'In library'],
  stage_Planned: ['计划', 'Planned'],
  stage_InProgress: ['实施', 'Under way'],
  stage_Completed: ['完成', 'Completed'],
  stage_Accepted: ['验收', 'Accepted'],
  status_Proposed: ['提出', 'Proposed'],
  status_InLibrary: ['入库', 'In library'],
  status_Planned: ['计划', 'Planned'],
  status_InProgress: ['实施', 'Under way'],
  status_Completed: ['完成', 'Completed'],
  status_Accepted: ['验收', 'Accepted'],
  status_Suspended: ['暂停', 'Suspended'],
  status_Cancelled: ['取消', 'Cancelled'],
  status_active: ['进行中', 'Active'],
  status_ended: ['已结束', 'Ended'],
  track_regional: ['地域', 'Regional'],
  track_technology: ['科技', 'Technology'],
  track_industry: ['产业', 'Industry'],
  track_education: ['教育', 'Education'],
  track_health: ['健康', 'Health'],
  track_talent: ['人才', 'Talent'],
  kind_Regional: ['地域帮扶', 'Regional'],
  kind_Township: ['单位结对乡镇', 'Unit ↔ township'],
  kind_EnterpriseVillage: ['企业结对村', 'Enterprise ↔ village'],
  kind_Institution: ['机构结对', 'Institution'],
  level_city: ['市', 'City'],
  level_county: ['县（市、区）', 'County'],
  level_township: ['乡镇（街道）', 'Township'],
  level_village: ['村（社区）', 'Village'],
};

const units = { '人次': 'person-times', '批次': 'batches', '个': '', '家': '', '次': 'visits', '元': 'yuan' };

export function lang() {
  return localStorage.getItem('bijie.lang') === 'en' ? 'en' : 'zh';
}

export function setLang(value) {
  localStorage.setItem('bijie.lang', value);
  document.documentElement.lang = value === 'en' ? 'en' : 'zh-CN';
}

export function t(key) {
  const entry = texts[key];
  if (!entry) return key;
  return entry[lang() === 'en' ? 1 : 0];
}

export function unit(zh) {
  return lang() === 'en' ? (units[zh] ?? zh) : zh;
}

/** Sets the text of every [data-i18n] element under root. */
export function translate(root = document) {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
}
