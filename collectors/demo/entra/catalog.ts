/**
 * Real Microsoft identifiers used by the Entra demo: Microsoft Graph application permissions and
 * delegated scopes (ids as published by Microsoft, cross-checked against the AzurePrivilegedIAM
 * classification and CISA ScubaGear lists), Exchange Online and SharePoint app roles, first-party
 * application ids (as listed by merill/microsoft-info) and built-in directory role templates.
 */

export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const SHAREPOINT_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

/** [id, value] of Microsoft Graph application permissions (app roles). */
export const GRAPH_APP_ROLES: readonly (readonly [string, string])[] = [
  ['9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', 'Application.Read.All'],
  ['1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', 'Application.ReadWrite.All'],
  ['18a4783c-866b-4cc7-a460-3d5e5662c884', 'Application.ReadWrite.OwnedBy'],
  ['06b708a9-e830-4db3-a914-8e69da51d44f', 'AppRoleAssignment.ReadWrite.All'],
  ['483bed4a-2ad3-4361-a73b-c83ccdbdc53c', 'RoleManagement.Read.Directory'],
  ['9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', 'RoleManagement.ReadWrite.Directory'],
  ['7ab1d382-f21e-4acd-a863-ba3e13f7da61', 'Directory.Read.All'],
  ['19dbc75e-c2e2-444c-a770-ec69d8559fc7', 'Directory.ReadWrite.All'],
  ['df021288-bdef-4463-88db-98f22de89214', 'User.Read.All'],
  ['741f803b-c850-494e-b5df-cde7c675a1ca', 'User.ReadWrite.All'],
  ['97235f07-e226-4f63-ace3-39588e11d3a1', 'User.ReadBasic.All'],
  ['5b567255-7703-4780-807c-7be8301ae99b', 'Group.Read.All'],
  ['62a82d76-70ea-41e2-9197-370581804d09', 'Group.ReadWrite.All'],
  ['98830695-27a2-44f7-8c18-0c3ebc9698f6', 'GroupMember.Read.All'],
  ['dbaae8cf-10b5-4b86-a4a1-f871c94c6695', 'GroupMember.ReadWrite.All'],
  ['810c84a8-4a9e-49e6-bf7d-12d183f40d01', 'Mail.Read'],
  ['e2a3a72e-5f79-4c64-b1b1-878b674786c9', 'Mail.ReadWrite'],
  ['b633e1c5-b582-4048-a93e-9f11b44c7e96', 'Mail.Send'],
  ['40f97065-369a-49f4-947c-6a255697ae91', 'MailboxSettings.Read'],
  ['798ee544-9d2d-430c-a058-570e29e34338', 'Calendars.Read'],
  ['ef54d2bf-783f-4e0f-bca1-3210c0444d99', 'Calendars.ReadWrite'],
  ['089fe4d0-434a-44c5-8827-41ba8a0b17f5', 'Contacts.Read'],
  ['332a536c-c7ef-4017-ab91-336970924f0d', 'Sites.Read.All'],
  ['9492366f-7969-46a4-8d15-ed1a20078fff', 'Sites.ReadWrite.All'],
  ['a82116e5-55eb-4c41-a434-62fe8a61c773', 'Sites.FullControl.All'],
  ['883ea226-0bf2-4a8f-9f9d-92c9162a727d', 'Sites.Selected'],
  ['01d4889c-1287-42c6-ac1f-5d1e02578ef6', 'Files.Read.All'],
  ['75359482-378d-4052-8f01-80520e7db3cd', 'Files.ReadWrite.All'],
  ['6b7d71aa-70aa-4810-a8d9-5d9fb2830017', 'Chat.Read.All'],
  ['7b2449af-6ccd-4f4d-9f78-e550c193f0d1', 'ChannelMessage.Read.All'],
  ['2280dda6-0bfd-44ee-a2f4-cb867cfc4c1e', 'Team.ReadBasic.All'],
  ['660b7406-55f1-41ca-a0ed-0b035e182f3e', 'TeamMember.Read.All'],
  ['b0afded3-3588-46d8-8b3d-9842eff778da', 'AuditLog.Read.All'],
  ['230c1aed-a721-4c5d-9cb4-a90514e508ef', 'Reports.Read.All'],
  ['246dd0d5-5bd0-4def-940b-0421030a5b68', 'Policy.Read.All'],
  ['01c0a623-fc9b-48e9-b794-0756f8e8f067', 'Policy.ReadWrite.ConditionalAccess'],
  ['498476ce-e0fe-48b0-b801-37ba7e2685c6', 'Organization.Read.All'],
  ['dbb9058a-0e50-45d7-ae91-66909b5d4664', 'Domain.Read.All'],
  ['7438b122-aefc-4978-80ed-43db9fcc7715', 'Device.Read.All'],
  ['2f51be20-0bb4-4fed-bf7b-db946066c75e', 'DeviceManagementManagedDevices.Read.All'],
  ['bf394140-e372-4bf9-a898-299cfc7564e5', 'SecurityEvents.Read.All'],
  ['472e4a4d-bb4a-4026-98d1-0b0d74cb74a5', 'SecurityAlert.Read.All'],
  ['dc5007c0-2d7d-4c42-879c-2dab87571379', 'IdentityRiskyUser.Read.All'],
  ['5256681e-b7f6-40c0-8447-2d9db68797a0', 'ServicePrincipalEndpoint.Read.All'],
  ['50483e42-d915-4231-9639-7fdb7fd190e5', 'UserAuthenticationMethod.ReadWrite.All'],
  ['2f6817f8-7b12-4f0f-bc18-eeaf60705a9e', 'PrivilegedAccess.ReadWrite.AzureADGroup'],
  ['9b50c33d-700f-43b1-b2eb-87e89b703581', 'Synchronization.ReadWrite.All'],
  ['dcf7150a-88d4-4fe6-9be1-c2744c455397', 'AgentIdentity.ReadWrite.All'],
  ['7fddd33b-d884-4ec0-8696-72cff90ff825', 'AgentIdentityBlueprint.ReadWrite.All'],
  ['b528084d-ad10-4598-8b93-929746b4d7d6', 'People.Read.All'],
  ['3aeca27b-ee3a-4c2b-8ded-80376e2134a4', 'Notes.Read.All'],
  ['c1684f21-1984-47fa-9d61-2dc8c296bb70', 'OnlineMeetings.Read.All'],
  ['f10e1f91-74ed-437f-a6fd-d6ae88e26c1f', 'Tasks.Read.All'],
  ['f431331c-49a6-499f-be1c-62af19c34a9d', 'ExternalConnection.ReadWrite.OwnedBy'],
  ['8116ae0f-55c2-452d-9944-d18420f5b2c8', 'ExternalItem.ReadWrite.OwnedBy'],
];

/** [id, value, type] of Microsoft Graph delegated permissions (oauth2PermissionScopes). */
export const GRAPH_SCOPES: readonly (readonly [string, string, 'User' | 'Admin'])[] = [
  ['37f7f235-527c-4136-accd-4a02d197296e', 'openid', 'User'],
  ['14dad69e-099b-42c9-810b-d002981feec1', 'profile', 'User'],
  ['64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', 'email', 'User'],
  ['7427e0e9-2fba-42fe-b0c0-848c9e6a8182', 'offline_access', 'User'],
  ['e1fe6dd8-ba31-4d61-89e7-88639da4683d', 'User.Read', 'User'],
  ['b340eb25-3456-403f-be2f-af7a0d370277', 'User.ReadBasic.All', 'User'],
  ['a154be20-db9c-4678-8ab7-66f6cc099a59', 'User.Read.All', 'Admin'],
  ['570282fd-fa5c-430d-a7fd-fc8dc98a9dca', 'Mail.Read', 'User'],
  ['e383f46e-2787-4529-855e-0e479a3ffac0', 'Mail.Send', 'User'],
  ['024d486e-b451-40bb-833d-3e66d98c5c73', 'Mail.ReadWrite', 'User'],
  ['465a38f9-76ea-45b9-9f34-9e8b0d4b0b42', 'Calendars.Read', 'User'],
  ['1ec239c2-d7c9-4623-a91a-a9775856bb36', 'Calendars.ReadWrite', 'User'],
  ['10465720-29dd-4523-a11a-6a75c743c9d9', 'Files.Read', 'User'],
  ['df85f4d6-205c-4ac5-a5ea-6bf408dba283', 'Files.Read.All', 'User'],
  ['863451e7-0667-486c-a5d6-d135439485f0', 'Files.ReadWrite.All', 'User'],
  ['205e70e5-aba6-4c52-a976-6d2d46c48043', 'Sites.Read.All', 'User'],
  ['5f8c59db-677d-491f-a6b8-5f174b11ec1d', 'Group.Read.All', 'Admin'],
  ['06da0dbc-49e2-44d2-8312-53f166ab848a', 'Directory.Read.All', 'Admin'],
  ['0e263e50-5827-48a4-b97c-d940288653c7', 'Directory.AccessAsUser.All', 'Admin'],
  ['c5366453-9fb0-48a5-a156-24f0c49a4b84', 'Directory.ReadWrite.All', 'Admin'],
  ['f501c180-9344-439a-bca0-6cbf209fd270', 'Chat.Read', 'User'],
  ['485be79e-c497-4b35-9400-0e3fa7f2a5d4', 'Team.ReadBasic.All', 'User'],
  ['2219042f-cab5-40cc-b0d2-16b1540b4c5f', 'Tasks.ReadWrite', 'User'],
  ['371361e4-b9e2-4a3f-8315-2a301a3b0a3d', 'Notes.Read', 'User'],
  ['ba47897c-39ec-4d83-8086-ee8256fa737d', 'People.Read', 'User'],
  ['ff74d97f-43af-4b68-9f2a-b77ee6968c5d', 'Contacts.Read', 'User'],
];

/** Exchange Online app roles; note Mail.Read shares its id with Graph's (names resolve per resource). */
export const EXCHANGE_APP_ROLES: readonly (readonly [string, string])[] = [
  ['dc890d15-9560-4a4c-9b7f-a736ec74ec40', 'full_access_as_app'],
  ['810c84a8-4a9e-49e6-bf7d-12d183f40d01', 'Mail.Read'],
  ['e2a3a72e-5f79-4c64-b1b1-878b674786c9', 'Mail.ReadWrite'],
  ['798ee544-9d2d-430c-a058-570e29e34338', 'Calendars.Read'],
  ['089fe4d0-434a-44c5-8827-41ba8a0b17f5', 'Contacts.Read'],
];

export const SHAREPOINT_APP_ROLES: readonly (readonly [string, string])[] = [
  ['678536fe-1083-478a-9c59-b99265e6b0d3', 'Sites.FullControl.All'],
  ['fbcd29d2-fcca-4405-aded-518d457caae4', 'Sites.ReadWrite.All'],
  ['d13f72ca-a275-4b96-b789-48ebcc4da984', 'Sites.Read.All'],
  ['9bff6588-13f2-4c48-bbf2-ddab62256b36', 'Sites.Manage.All'],
];

/** Microsoft first-party applications: [appId, displayName]. The first three are resources above. */
export const FIRST_PARTY_APPS: readonly (readonly [string, string])[] = [
  [GRAPH_APP_ID, 'Microsoft Graph'],
  [EXCHANGE_APP_ID, 'Office 365 Exchange Online'],
  [SHAREPOINT_APP_ID, 'Office 365 SharePoint Online'],
  ['00000002-0000-0000-c000-000000000000', 'Windows Azure Active Directory'],
  ['c44b4083-3bb0-49c1-b47d-974e53cbdf3c', 'Azure Portal'],
  ['04b07795-8ddb-461a-bbee-02f9e1bf7b46', 'Microsoft Azure CLI'],
  ['1950a258-227b-4e31-a9cf-717495945fc2', 'Microsoft Azure PowerShell'],
  ['c5393580-f805-4401-95e8-94b7a6ef2fc2', 'Office 365 Management APIs'],
  ['00000009-0000-0000-c000-000000000000', 'Power BI Service'],
  ['475226c6-020e-4fb2-8a90-7a972cbfc1d4', 'PowerApps Service'],
  ['7df0a125-d3be-4c96-aa54-591f83ff541c', 'Microsoft Flow Service'],
  ['cfa8b339-82a2-471a-a3c9-0fc0be7a4093', 'Azure Key Vault'],
  ['797f4846-ba00-4fd7-ba43-dac1f8f63013', 'Windows Azure Service Management API'],
  ['00000004-0000-0ff1-ce00-000000000000', 'Skype for Business Online'],
  ['e406a681-f3d4-42a8-90b6-c2b029497af1', 'Azure Storage'],
  ['d3590ed6-52b3-4102-aeff-aad2292ab01c', 'Microsoft Office'],
  ['14d82eec-204b-4c2f-b7e8-296a70dab67e', 'Microsoft Graph Command Line Tools'],
  ['de8bc8b5-d9f9-48b1-a8ad-b748da725064', 'Graph Explorer'],
  ['29d9ed98-a469-4536-ade2-f981bc1d605e', 'Microsoft Authentication Broker'],
  ['00000005-0000-0ff1-ce00-000000000000', 'Office 365 Yammer'],
  ['cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', 'Microsoft Teams Services'],
  ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', 'Microsoft Teams Web Client'],
  ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', 'Microsoft Teams'],
  ['00000007-0000-0000-c000-000000000000', 'Dataverse'],
  ['0000000a-0000-0000-c000-000000000000', 'Microsoft Intune'],
  ['0000000c-0000-0000-c000-000000000000', 'Microsoft App Access Panel'],
  ['499b84ac-1321-427f-aa17-267ca6975798', 'Azure DevOps'],
  ['05a65629-4c1b-48c1-a78b-804c4abdd4af', 'Microsoft Cloud App Security'],
  ['c9a559d2-7aab-4f13-a6ed-e7e9c52aec87', 'Microsoft Forms'],
  ['fc780465-2017-40d4-a0c5-307022471b92', 'WindowsDefenderATP'],
  ['b28ec8e1-950e-4bd0-b3d0-c1e93074b88b', 'Azure Gallery RP'],
  ['75513c96-801d-4559-830a-6754de13dd19', 'M365 Label Analytics'],
  ['3138fe80-4087-4b04-80a6-8866c738028a', 'SharePoint Notification Service'],
  ['eec53b1f-b9a4-4479-acf5-6b247c6a49f2', 'Microsoft.HybridCompute Agent Service'],
  ['abba844e-bc0e-44b0-947a-dc74e5d09022', 'Domain Controller Services'],
  ['74cb6831-0dbb-4be1-8206-fd4df301cdc2', 'Azure Service Fabric Resource Provider'],
  ['8b62382d-110e-4db8-83a6-c7e8ee84296a', 'PowerAI'],
  ['fd642066-7bfc-4b65-9463-6a08841c12f0', 'Microsoft Purview Platform'],
  ['6bccf540-eb86-4037-af03-7fa058c2db75', 'Geneva Alert RP'],
  ['585fc3c3-9a59-4720-8319-53cce041a605', 'Azure Arc Appliance Resource Provider'],
  ['06dd8193-75af-46d0-84bb-9b9bcaa89e8b', 'SubstrateActionsService'],
  ['4c1a3aed-b389-4824-99b0-514c07906851', 'Intune DeviceCheckIn ConfidentialClient'],
  ['224a7b82-46c9-4d6b-8db0-7360fb444681', 'Microsoft Modern Contact Master'],
  ['1e2ca66a-c176-45ea-a877-e87f7231e0ee', 'Microsoft B2B Admin Worker'],
  ['7e9f2fca-0cd8-4a6c-a1a0-7ffe48aec7c6', 'Intune Remote Help'],
  ['6b91db1b-f05b-405a-a0b2-e3f60b28d645', 'M365 Admin Services'],
  ['76c92352-c057-4cc2-9b1e-f34c32bc58bd', 'Azure Container Registry Application'],
  ['98785600-1bb7-4fb9-b9fa-19afe2c8a360', 'Azure Security Insights'],
  ['1f5530b3-261a-47a9-b357-ded261e17918', 'Azure Multi-Factor Auth Connector'],
  ['1ac05c7e-12d2-4605-bf9d-549d7041c6b3', 'Microsoft Azure Synapse Gateway'],
  ['e1979c22-8b73-4aed-a4da-572cc4d0b832', 'App Studio for Microsoft Teams'],
  ['38d143fa-a9d8-4e3e-b073-81f3fefeaf95', 'Microsoft Teams IP Core Service'],
  ['b8066b99-6e67-41be-abfa-75db1a2c8809', 'Microsoft Intune IW Service'],
  ['aeb86249-8ea3-49e2-900b-54cc8e308f85', 'M365 License Manager'],
  ['11c174dc-1945-4a9a-a36b-c79a0f246b9b', 'Azure Monitor System'],
  ['978877ea-b2d6-458b-80c7-05df932f3723', 'Microsoft Teams AuditService'],
  ['80a10ef9-8168-493d-abf9-3297c4ef6e3c', 'Microsoft.ServiceBus'],
  ['70dcc41e-5abf-4ecd-b017-d5c7370e58fe', 'Intune SidecarService ConfidentialClient'],
  ['b4bddae8-ab25-483e-8670-df09b9f1d0ea', 'Signup'],
  ['9e4a5442-a5c9-4f6f-b03f-5b9fcaaf24b1', 'OfficeServicesManager'],
  ['408992c7-2af6-4ff1-92e3-65b73d2b5092', 'Azure Search Management'],
  ['56c1da01-2129-48f7-9355-af6d59d42766', 'Graph Connector Service'],
  ['61c50b89-703d-431d-8d80-1e8618748775', 'Azure Machine Learning OpenAI'],
  ['a4c95b9e-3994-40cc-8953-5dc66d48348d', 'Microsoft Container Registry'],
  ['7cd684f4-8a78-49b0-91ec-6a35d38739ba', 'Azure Logic Apps'],
  ['9d8f559b-5984-46a4-902a-ad4271e83efa', 'Power Virtual Agents Service'],
  ['0af06dc6-e4b5-4f28-818e-e78e62d137a5', 'Windows 365'],
  ['0000001b-0000-0000-c000-000000000000', 'Microsoft Power BI Information Service'],
  ['d9327919-6775-4843-9037-3fb0fb0473cb', 'Databricks Resource Provider'],
  ['9cb77803-d937-493e-9a3b-4b49de3f5a74', 'Microsoft Intune Service Discovery'],
  ['79d7fb34-4bef-4417-8184-ff713af7a679', 'Azure Bastion'],
  ['d32c68ad-72d2-4acb-a0c7-46bb2cf93873', 'Microsoft Activity Feed Service'],
  ['1e70cd27-4707-4589-8ec5-9bd20c472a46', 'Skype Presence Service'],
  ['d8877f27-09c0-43aa-8113-40151dae8b14', 'Microsoft Intune AndroidSync'],
  ['33be1cef-03fb-444b-8fd3-08ca1b4d803f', 'OneDrive Web'],
  ['7dcff627-a295-4553-9229-b1f3513f82a8', 'Power Platform Data Analytics'],
  ['6a0ec4d3-30cb-4a83-91c0-ae56bc0e3d26', 'Azure Container Registry'],
  ['47ee738b-3f1a-4fc7-ab11-37e4822b007e', 'Azure AD Application Proxy'],
  ['dbcbd02a-d7c4-42fb-8c27-b07e5118b848', 'Azure Graph'],
  ['e3335adb-5ca0-40dc-b8d3-bedc094e523b', 'SubscriptionRP'],
  ['4bfd5d66-9285-44a1-bb14-14953e8cdf5e', 'Audit GraphAPI Application'],
  ['89d10474-74af-4874-99a7-c23c2f643083', 'Azure Iot Hub'],
  ['0a5f63c0-b750-4f38-a71c-4fc0d58b89e2', 'Microsoft Mobile Application Management'],
  ['257601fd-462f-4a21-b623-7f719f0f90f4', 'Centralized Deployment'],
  ['57fb890c-0dab-4253-a5e0-7188c88b2bb4', 'SharePoint Online Client'],
  ['8f41dc7c-542c-4bdd-8eb3-e60543f607ca', 'Microsoft Device Directory Service'],
  ['da9b70f6-5323-4ce6-ae5c-88dcc5082966', 'Universal Print'],
  ['9e09aefc-b2e5-4d19-9f74-3e3e8b11a57b', 'Microsoft Azure Synapse Resource Provider'],
  ['0736f41a-0425-4b46-bdb5-1563eff02385', 'Azure Machine Learning'],
  ['7319c514-987d-4e9b-ac3d-d38c4f427f4c', 'AzureContainerService'],
  ['d29a4c00-4966-492a-84dd-47e779578fb7', 'Discovery Service'],
  ['b7912db9-aa33-4820-9d4f-709830fdd78f', 'ConnectionsService'],
  ['8ee8fdad-f234-4243-8f3b-15c294843740', 'Microsoft Threat Protection'],
  ['48af08dc-f6d2-435f-b2a7-069abd99c086', 'Connectors'],
  ['58c746b0-a0b0-4647-a8f6-12dde5981638', 'Azure AD Identity Governance Insights'],
  ['262044b1-e2ce-469f-a196-69ab7ada62d3', 'Backup Management Service'],
  ['5b404cf4-a79d-4cfe-b866-24bf8e1a4921', 'Bot Service Token Store'],
  ['c7ddd9b4-5172-4e28-bd29-1e0792947d18', 'Microsoft Mixed Reality'],
  ['7cf4b8a3-78fd-4d1d-8019-d5041c61ce64', 'Azure MFA Management'],
];

export interface DirectoryRoleTemplate {
  id: string;
  displayName: string;
  description: string;
  isPrivileged: boolean;
  actions: string[];
}

/** Built-in directory roles with their real template ids and Microsoft's isPrivileged flag. */
export const DIRECTORY_ROLES: readonly DirectoryRoleTemplate[] = [
  {
    id: '62e90394-69f5-4237-9190-012177145e10',
    displayName: 'Global Administrator',
    description:
      'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/applications/allProperties/allTasks',
      'microsoft.directory/servicePrincipals/allProperties/allTasks',
      'microsoft.directory/roleAssignments/allProperties/allTasks',
    ],
  },
  {
    id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
    displayName: 'Privileged Role Administrator',
    description:
      'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/roleAssignments/allProperties/allTasks',
      'microsoft.directory/roleDefinitions/allProperties/allTasks',
    ],
  },
  {
    id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    displayName: 'Application Administrator',
    description: 'Can create and manage all aspects of app registrations and enterprise apps.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/applications/create',
      'microsoft.directory/applications/credentials/update',
      'microsoft.directory/servicePrincipals/credentials/update',
    ],
  },
  {
    id: '158c047a-c907-4556-b7ef-446551a6b5f7',
    displayName: 'Cloud Application Administrator',
    description:
      'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/applications/create',
      'microsoft.directory/applications/credentials/update',
      'microsoft.directory/servicePrincipals/credentials/update',
    ],
  },
  {
    id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
    displayName: 'Directory Readers',
    description:
      'Can read basic directory information. Commonly used to grant directory read access to applications and guests.',
    isPrivileged: false,
    actions: [
      'microsoft.directory/users/standard/read',
      'microsoft.directory/groups/standard/read',
      'microsoft.directory/servicePrincipals/standard/read',
    ],
  },
  {
    id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    displayName: 'Global Reader',
    description: 'Can read everything that a Global Administrator can, but not update anything.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/applications/allProperties/read',
      'microsoft.directory/servicePrincipals/allProperties/read',
    ],
  },
  {
    id: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    displayName: 'User Administrator',
    description:
      'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/users/create',
      'microsoft.directory/users/password/update',
      'microsoft.directory/groups/create',
    ],
  },
  {
    id: '5d6b6bb7-de71-4623-b4af-96380a352509',
    displayName: 'Security Reader',
    description: 'Can read security information and reports in Microsoft Entra ID and Office 365.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/auditLogs/allProperties/read',
      'microsoft.directory/signInReports/allProperties/read',
    ],
  },
  {
    id: '29232cdf-9323-42fd-ade2-1d097af3e4de',
    displayName: 'Exchange Administrator',
    description: 'Can manage all aspects of the Exchange product.',
    isPrivileged: false,
    actions: [
      'microsoft.office365.exchange/allEntities/basic/allTasks',
      'microsoft.directory/groups.unified/create',
    ],
  },
  {
    id: 'db506228-d27e-4b7d-95e5-295956d6615f',
    displayName: 'Agent ID Administrator',
    description: 'Can manage all aspects of agent identities, agent identity blueprints and agent users.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/agentIdentities/appRoleAssignedTo/update',
      'microsoft.directory/agentIdentities/authentication/update',
    ],
  },
  {
    id: '9360feb5-f418-4baa-8175-e2a00bac4301',
    displayName: 'Directory Writers',
    description:
      'Can read and write basic directory information. For granting access to applications, not intended for users.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/groups/create',
      'microsoft.directory/users/basic/update',
      'microsoft.directory/servicePrincipals/appRoleAssignedTo/update',
    ],
  },
  {
    id: 'cf1c38e5-3621-4004-a7cb-879624dced7c',
    displayName: 'Application Developer',
    description:
      'Can create application registrations independent of the Allow users to register applications setting.',
    isPrivileged: true,
    actions: [
      'microsoft.directory/applications/createAsOwner',
      'microsoft.directory/servicePrincipals/createAsOwner',
    ],
  },
];
