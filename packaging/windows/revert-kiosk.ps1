<#
.SYNOPSIS
    Turns an Ujikom exam kiosk back into an ordinary Windows PC (undoes provision-kiosk.ps1).

.DESCRIPTION
    Run as Administrator (sign in with an administrator account: at the sign-in screen,
    or over the network). It removes the Shell Launcher configuration, the autologon and
    its LSA secret, the firewall rules, the fast-user-switching policy and the exam
    account with its profile. The kiosk's exam data in C:\ProgramData\Ujikom\data is kept
    and named, to delete once the proctor has sealed the session.
    NOT RUN ON WINDOWS BY THE PROJECT: checked with a PowerShell parser on Linux only.

.PARAMETER KeepAccount
    Keep the UjikomKiosk account (and its profile); only take its kiosk shell away.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File revert-kiosk.ps1
#>
[CmdletBinding()]
param(
    [switch]$KeepAccount,
    [switch]$DisableShellLauncherFeature,
    [string]$DataDir = "$env:ProgramData\Ujikom"
)
Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

$StateKey = "HKLM:\SOFTWARE\Ujikom\Kiosk"
$RuleGroup = "Ujikom exam kiosk"
$ShellLauncherNs = "root\cimv2\mdm\dmmap"

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object Security.Principal.WindowsPrincipal($identity)
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "Run this script as Administrator."
}
$Account = "UjikomKiosk"
if (Test-Path $StateKey) {
    $Account = (Get-ItemProperty -Path $StateKey).Account
}

# 1. Shell Launcher: an empty configuration, applied as SYSTEM like the provisioning.
$script = Join-Path $env:TEMP "ujikom-clear-shell-launcher.ps1"
@"
`$ErrorActionPreference = 'Stop'
`$bridge = Get-CimInstance -Namespace '$ShellLauncherNs' -ClassName MDM_AssignedAccess
`$bridge.ShellLauncher = `$null
Set-CimInstance -CimInstance `$bridge
"@ | Set-Content -Path $script -Encoding UTF8
$action = New-ScheduledTaskAction -Execute "powershell.exe" `
    -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$script`""
$system = New-ScheduledTaskPrincipal -UserId "SYSTEM" -LogonType ServiceAccount -RunLevel Highest
Register-ScheduledTask -TaskName "Ujikom clear Shell Launcher" -Action $action `
    -Principal $system -Force | Out-Null
Start-ScheduledTask -TaskName "Ujikom clear Shell Launcher"
Start-Sleep -Seconds 10
Unregister-ScheduledTask -TaskName "Ujikom clear Shell Launcher" -Confirm:$false
Remove-Item -Path $script -Force
if ($DisableShellLauncherFeature) {
    Disable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher `
        -NoRestart | Out-Null
}

# 2. Autologon and its secret.
$winlogon = "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"
Set-ItemProperty -Path $winlogon -Name AutoAdminLogon -Value "0"
Remove-ItemProperty -Path $winlogon -Name DefaultUserName -ErrorAction SilentlyContinue
Remove-ItemProperty -Path $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
Add-Type -TypeDefinition @"
using System;
using System.Runtime.InteropServices;
public static class UjikomLsaClear {
    [StructLayout(LayoutKind.Sequential)]
    struct LSA_UNICODE_STRING { public ushort Length; public ushort MaximumLength; public IntPtr Buffer; }
    [StructLayout(LayoutKind.Sequential)]
    struct LSA_OBJECT_ATTRIBUTES { public int Length; public IntPtr RootDirectory; public IntPtr ObjectName;
        public int Attributes; public IntPtr SecurityDescriptor; public IntPtr SecurityQualityOfService; }
    [DllImport("advapi32.dll")] static extern uint LsaOpenPolicy(IntPtr system, ref LSA_OBJECT_ATTRIBUTES attrs,
        int access, out IntPtr handle);
    [DllImport("advapi32.dll")] static extern uint LsaStorePrivateData(IntPtr handle, ref LSA_UNICODE_STRING key,
        IntPtr data);
    [DllImport("advapi32.dll")] static extern uint LsaClose(IntPtr handle);
    public static void Clear(string name) {
        var attrs = new LSA_OBJECT_ATTRIBUTES();
        IntPtr policy;
        if (LsaOpenPolicy(IntPtr.Zero, ref attrs, 0x00000020, out policy) != 0) return;
        try {
            var key = new LSA_UNICODE_STRING();
            key.Buffer = Marshal.StringToHGlobalUni(name);
            key.Length = (ushort)(name.Length * 2);
            key.MaximumLength = (ushort)(name.Length * 2 + 2);
            LsaStorePrivateData(policy, ref key, IntPtr.Zero);  // a null value deletes it
        } finally { LsaClose(policy); }
    }
}
"@
[UjikomLsaClear]::Clear("DefaultPassword")

# 3. Firewall and the machine-wide policy.
Remove-NetFirewallRule -Group $RuleGroup -ErrorAction SilentlyContinue
Remove-ItemProperty -Path "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System" `
    -Name HideFastUserSwitching -ErrorAction SilentlyContinue

# 4. The account (its user policies, USB and Task Manager, go with its profile).
if (-not $KeepAccount) {
    $user = Get-LocalUser -Name $Account -ErrorAction SilentlyContinue
    if ($null -ne $user) {
        $profile = Get-CimInstance Win32_UserProfile | Where-Object { $_.SID -eq $user.SID.Value }
        if ($null -ne $profile) { Remove-CimInstance -InputObject $profile }
        Remove-LocalUser -Name $Account
    }
}
Remove-Item -Path $StateKey -Recurse -ErrorAction SilentlyContinue

$data = Join-Path $DataDir "data"
if ((Test-Path $data) -and (Get-ChildItem -Path $data -Force | Select-Object -First 1)) {
    Write-Host "Exam data kept in $data; delete it once the proctor has sealed the session."
}
Write-Host "This PC is an ordinary PC again after a restart."
