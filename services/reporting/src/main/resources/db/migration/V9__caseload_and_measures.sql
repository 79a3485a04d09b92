-- The management view of the 2017 plan: caseload per caseworker and team, new cases per month, and the cost of each
-- measure. Kept from CaseUpdated (team, the case's first and closing dates, its measures from the timeline) and from
-- case-intake's tilbudsvifte (MeasureCatalogueChanged).
alter table tenant_cases add column team text not null default '';
alter table tenant_cases add column opened_on date;
create index tenant_cases_opened on tenant_cases (opened_on);

-- One row per measure on a case's timeline: started, ended (if it has), its yearly cost and legal basis. Replaced
-- with the case's newest version.
create table case_measures (
    tenant          text   not null,
    case_id         uuid   not null,
    seq             int    not null,
    measure_id      text   not null,
    measure_name    text   not null,
    legal_basis_bl  text   not null,
    legal_basis_sel text   not null,
    yearly_cost_kr  bigint not null,
    started_on      date   not null,
    ended_on        date,
    primary key (case_id, seq)
);
select enable_tenant_isolation('case_measures');

-- The municipality's catalogue of measures (tilbudsvifte) with its yearly prices.
create table measure_catalogue (
    tenant            text   not null,
    measure_id        uuid   primary key,
    name              text   not null,
    legal_basis_bl    text   not null,
    legal_basis_sel   text   not null,
    price_per_year_kr bigint not null,
    version           bigint not null
);
select enable_tenant_isolation('measure_catalogue');

-- The legal rules' Danish names and paragraphs, as the screening summaries carry them.
create table legal_rules (
    tenant    text not null,
    rule      text not null,
    title     text not null,
    paragraph text not null,
    primary key (tenant, rule)
);
select enable_tenant_isolation('legal_rules');
