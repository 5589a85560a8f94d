#Requires -Version 7.0
#Requires -Modules Microsoft.Graph.Authentication
<#
.SYNOPSIS
Exports the Entra ID objects Agent Anchor assesses, as raw Microsoft Graph responses, into a folder
that `agent-anchor import --entra-dir <folder>` reads.

.DESCRIPTION
Read-only: every request is an HTTP GET made with Invoke-MgGraphRequest -Method GET. Nothing in the
tenant is created, changed or deleted.

Each response page is written as one file named after its request path (docs/import-formats.md):
v1.0/servicePrincipals.json, v1.0/servicePrincipals.2.json, ..., v1.0/applications/<id>/owners.json.
Objects are written exactly as Graph returns them, except that the `hint` of each client secret (its
first characters) and any `secretText` are blanked before writing. Graph never returns secret
values on GET; the import drops these fields again.

What it reads
  v1.0  organization, servicePrincipals, applications, oauth2PermissionGrants,
        roleManagement/directory/roleDefinitions, roleAssignments, roleEligibilitySchedules (Entra ID P2);
        per application: owners, federatedIdentityCredentials;
        per service principal not published by Microsoft: owners;
        per service principal that publishes app roles: appRoleAssignedTo.
  beta  (optional: a failure is a warning and the export goes on; the import records what is missing)
        roleManagement/directory/roleDefinitions (Microsoft's isPrivileged flag),
        servicePrincipals/microsoft.graph.agentIdentity, .../microsoft.graph.agentIdentityBlueprintPrincipal,
        applications/microsoft.graph.agentIdentityBlueprint and their sponsors,
        reports/servicePrincipalSignInActivities and reports/appCredentialSignInActivities (Entra ID P1).

Permissions (delegated; Connect-MgGraph asks for consent)
  Application.Read.All, Directory.Read.All, RoleManagement.Read.Directory, AuditLog.Read.All, Policy.Read.All.
  The signed-in user also needs a directory role that may read these, such as Global Reader (the
  sign-in activity reports need Global Reader, Reports Reader or Security Reader).
  Microsoft Graph documents sponsors of agent identities as readable only with the application
  permission AgentIdentity.ReadWrite.All. The script first asks for them inline ($expand=sponsors);
  when the tenant refuses, it warns and the import reports agent identity sponsors as not exported.
  To export app-only instead, connect first (Connect-MgGraph -ClientId ... -CertificateThumbprint ...)
  and pass -UseExistingConnection.

.PARAMETER OutputDir
Folder to write. It must be new or empty, unless -Force is given.

.PARAMETER TenantId
Tenant to sign in to (id or domain). Default: the account's home tenant.

.PARAMETER UseExistingConnection
Use the current Connect-MgGraph session instead of signing in.

.PARAMETER SkipBeta
Read only v1.0 endpoints.

.PARAMETER Force
Replace the v1.0/ and beta/ folders of an existing export in OutputDir.

.EXAMPLE
./entra-export.ps1 -OutputDir ./contoso-entra -TenantId contoso.onmicrosoft.com
agent-anchor import --entra-dir ./contoso-entra
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $OutputDir,
    [string] $TenantId,
    [switch] $UseExistingConnection,
    [switch] $SkipBeta,
    [switch] $Force
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Scopes = @('Application.Read.All', 'Directory.Read.All', 'RoleManagement.Read.Directory', 'AuditLog.Read.All', 'Policy.Read.All')

# Tenants Microsoft publishes its first-party apps from (collectors/entra/microsoft-tenants.ts).
$MicrosoftTenants = @(
    'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    '72f988bf-86f1-41af-91ab-2d7cd011db47',
    '33e01921-4d64-4f8c-a055-5bdaffd5e33d',
    '975f013f-7f24-47e8-a7d3-abc4752bf346',
    'cdc5aeea-15c5-4db6-b079-fcadd2505dc2'
)

$Utf8NoBom = [System.Text.UTF8Encoding]::new($false)
$Summary = [ordered]@{}
$LastFailure = ''

function Get-Property {
    # Strict mode throws on a missing property; Graph leaves some out.
    param($Object, [string] $Name)
    if ($null -ne $Object -and $Object.PSObject.Properties[$Name]) {
        return $Object.PSObject.Properties[$Name].Value
    }
    return $null
}

function Remove-SecretMaterial {
    # `hint` holds the first characters of a client secret; neither it nor `secretText` is written.
    param([string] $Json)
    return [regex]::Replace($Json, '"(hint|secretText)"\s*:\s*"(?:[^"\\]|\\.)*"', '"$1":null')
}

function Get-PageFile {
    param([string] $Path, [int] $Page)
    $suffix = if ($Page -eq 1) { '' } else { ".$Page" }
    $parts = @($OutputDir) + @($Path -split '/')
    $base = [System.IO.Path]::Combine([string[]] $parts)
    return "$base$suffix.json"
}

function Save-GraphPages {
    <#
    GETs one request path, following @odata.nextLink, and writes each page as a file.
    Returns the items of all pages, or $null when an -Optional request failed (after a warning).
    #>
    param(
        [Parameter(Mandatory)][string] $Path,
        [string] $Query,
        [switch] $Optional,
        # Delete the pages written so far when the request fails, so a retry starts clean.
        [switch] $DiscardOnFailure,
        [switch] $Quiet
    )
    $uri = if ($Query) { '{0}?{1}' -f $Path, $Query } else { $Path }
    $items = [System.Collections.Generic.List[object]]::new()
    $written = [System.Collections.Generic.List[string]]::new()
    $page = 0
    try {
        while ($uri) {
            $page++
            $json = Invoke-MgGraphRequest -Method GET -Uri $uri -OutputType Json
            $body = $json | ConvertFrom-Json -Depth 100
            foreach ($item in @(Get-Property $body 'value')) {
                if ($null -ne $item) { $items.Add($item) }
            }
            $file = Get-PageFile -Path $Path -Page $page
            New-Item -ItemType Directory -Force -Path (Split-Path -Parent $file) | Out-Null
            [System.IO.File]::WriteAllText($file, (Remove-SecretMaterial $json), $Utf8NoBom)
            $written.Add($file)
            $uri = Get-Property $body '@odata.nextLink'
        }
    }
    catch {
        if (-not $Optional) { throw }
        $script:LastFailure = $_.Exception.Message
        if ($DiscardOnFailure) { $written | ForEach-Object { Remove-Item -LiteralPath $_ -Force } }
        if (-not $Quiet) { Write-Warning "GET $Path failed, continuing without it: $script:LastFailure" }
        return $null
    }
    if (-not $Quiet) {
        Write-Host ("{0,-70} {1,7} items in {2} page(s)" -f $Path, $items.Count, $page)
        $Summary[$Path] = $items.Count
    }
    return , $items.ToArray()
}

function Save-PerObject {
    # One request per object (owners, federated credentials, ...); failures are warned about once.
    param(
        [Parameter(Mandatory)][object[]] $Objects,
        [Parameter(Mandatory)][string] $PathFormat,
        [Parameter(Mandatory)][string] $Activity
    )
    $done = 0
    $failed = 0
    foreach ($object in $Objects) {
        $done++
        Write-Progress -Activity $Activity -Status "$done of $($Objects.Count)" -PercentComplete (100 * $done / [Math]::Max(1, $Objects.Count))
        $result = Save-GraphPages -Path ($PathFormat -f $object.id) -Optional -Quiet
        if ($null -eq $result) { $failed++ }
    }
    Write-Progress -Activity $Activity -Completed
    Write-Host ("{0,-70} {1,7} objects" -f $Activity, $Objects.Count)
    $Summary[$Activity] = "$($Objects.Count - $failed) of $($Objects.Count) objects"
    if ($failed -gt 0) {
        Write-Warning "$Activity failed for $failed of $($Objects.Count) objects (last error: $script:LastFailure); the import reports them as not exported"
    }
    return $failed
}

# --- Prepare the folder: stale pages from an earlier run would be read as data. ---
if (Test-Path -LiteralPath $OutputDir) {
    $existing = @(Get-ChildItem -LiteralPath $OutputDir -Force)
    if ($existing.Count -gt 0) {
        if (-not $Force) { throw "$OutputDir is not empty; choose a new folder or pass -Force to replace an earlier export in it" }
        foreach ($root in 'v1.0', 'beta') {
            $old = Join-Path $OutputDir $root
            if (Test-Path -LiteralPath $old) { Remove-Item -LiteralPath $old -Recurse -Force }
        }
    }
}
New-Item -ItemType Directory -Force -Path $OutputDir | Out-Null
$OutputDir = (Resolve-Path -LiteralPath $OutputDir).Path

# --- Sign in ---
if (-not $UseExistingConnection) {
    $connect = @{ Scopes = $Scopes; NoWelcome = $true }
    if ($TenantId) { $connect.TenantId = $TenantId }
    Connect-MgGraph @connect
}
$context = Get-MgContext
if ($null -eq $context) { throw 'Not connected to Microsoft Graph: run Connect-MgGraph or leave out -UseExistingConnection' }
$started = [DateTime]::UtcNow

# --- Tenant-wide lists (v1.0, required unless marked optional) ---
$organization = Save-GraphPages -Path 'v1.0/organization'
$servicePrincipals = Save-GraphPages -Path 'v1.0/servicePrincipals' -Query '$top=999'
$applications = Save-GraphPages -Path 'v1.0/applications' -Query '$top=999'
$null = Save-GraphPages -Path 'v1.0/oauth2PermissionGrants' -Optional
$null = Save-GraphPages -Path 'v1.0/roleManagement/directory/roleDefinitions' -Optional
$null = Save-GraphPages -Path 'v1.0/roleManagement/directory/roleAssignments' -Optional
# PIM needs Entra ID P2; without it Graph refuses and the import notes eligible roles as unknown.
$null = Save-GraphPages -Path 'v1.0/roleManagement/directory/roleEligibilitySchedules' -Optional
# One object (not a list): restrictions on adding secrets and on their lifetime (Policy.Read.All).
$null = Save-GraphPages -Path 'v1.0/policies/defaultAppManagementPolicy' -Optional

# --- Per-object relationships ---
$nonMicrosoft = @($servicePrincipals | Where-Object {
        $owner = [string](Get-Property $_ 'appOwnerOrganizationId')
        -not ($MicrosoftTenants -contains $owner.ToLowerInvariant())
    })
$resources = @($servicePrincipals | Where-Object {
        $roles = Get-Property $_ 'appRoles'
        $roles -and @($roles).Count -gt 0
    })
if ($applications.Count -gt 0) {
    $null = Save-PerObject -Objects $applications -PathFormat 'v1.0/applications/{0}/owners' -Activity 'application owners'
    $null = Save-PerObject -Objects $applications -PathFormat 'v1.0/applications/{0}/federatedIdentityCredentials' -Activity 'federated identity credentials'
}
if ($nonMicrosoft.Count -gt 0) {
    $null = Save-PerObject -Objects $nonMicrosoft -PathFormat 'v1.0/servicePrincipals/{0}/owners' -Activity 'service principal owners'
}
if ($resources.Count -gt 0) {
    $null = Save-PerObject -Objects $resources -PathFormat 'v1.0/servicePrincipals/{0}/appRoleAssignedTo' -Activity 'app role assignments (per resource)'
}

# --- beta: agent identities, privilege flags, sign-in activity ---
if (-not $SkipBeta) {
    $null = Save-GraphPages -Path 'beta/roleManagement/directory/roleDefinitions' -Optional

    # Sponsors inline first: the per-object sponsors request needs an application permission.
    $agents = Save-GraphPages -Path 'beta/servicePrincipals/microsoft.graph.agentIdentity' -Query '$expand=sponsors' -Optional -DiscardOnFailure -Quiet
    if ($null -ne $agents) {
        Write-Host ("{0,-70} {1,7} items (with sponsors)" -f 'beta/servicePrincipals/microsoft.graph.agentIdentity', $agents.Count)
        $Summary['beta/servicePrincipals/microsoft.graph.agentIdentity'] = $agents.Count
    }
    else {
        $agents = Save-GraphPages -Path 'beta/servicePrincipals/microsoft.graph.agentIdentity' -Optional
        if ($null -ne $agents -and $agents.Count -gt 0) {
            $null = Save-PerObject -Objects $agents -PathFormat 'beta/servicePrincipals/{0}/microsoft.graph.agentIdentity/sponsors' -Activity 'agent identity sponsors'
        }
    }
    $blueprintPrincipals = Save-GraphPages -Path 'beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal' -Optional
    if ($null -ne $blueprintPrincipals -and $blueprintPrincipals.Count -gt 0) {
        $null = Save-PerObject -Objects $blueprintPrincipals -PathFormat 'beta/servicePrincipals/{0}/microsoft.graph.agentIdentityBlueprintPrincipal/sponsors' -Activity 'blueprint principal sponsors'
    }
    $blueprints = Save-GraphPages -Path 'beta/applications/microsoft.graph.agentIdentityBlueprint' -Optional
    if ($null -ne $blueprints -and $blueprints.Count -gt 0) {
        $null = Save-PerObject -Objects $blueprints -PathFormat 'beta/applications/{0}/microsoft.graph.agentIdentityBlueprint/sponsors' -Activity 'blueprint sponsors'
    }

    # Conditional access: beta carries the agent identity conditions (Policy.Read.All, Entra ID P1).
    $null = Save-GraphPages -Path 'beta/identity/conditionalAccess/policies' -Optional

    # Sign-in activity reports need Entra ID P1 and AuditLog.Read.All.
    $null = Save-GraphPages -Path 'beta/reports/servicePrincipalSignInActivities' -Optional
    $null = Save-GraphPages -Path 'beta/reports/appCredentialSignInActivities' -Optional
}

# --- A note for whoever receives the folder (not JSON, so the import ignores it) ---
$tenant = if ($organization.Count -gt 0) { $organization[0].id } else { $context.TenantId }
$note = @(
    'Entra ID export for Agent Anchor (scripts/export/entra-export.ps1)'
    "Tenant:   $tenant"
    "Started:  $($started.ToString('o'))"
    "Finished: $([DateTime]::UtcNow.ToString('o'))"
    "Scopes:   $((@($context.Scopes) | Sort-Object) -join ', ')"
    ''
    'Items per request path:'
) + @($Summary.GetEnumerator() | ForEach-Object { '  {0}: {1}' -f $_.Key, $_.Value })
[System.IO.File]::WriteAllLines((Join-Path $OutputDir 'EXPORT-INFO.txt'), [string[]] $note, $Utf8NoBom)

Write-Host ''
Write-Host "Export written to $OutputDir"
Write-Host "Import it with: agent-anchor import --entra-dir `"$OutputDir`""
