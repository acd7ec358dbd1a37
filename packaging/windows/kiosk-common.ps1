# Shared by provision-kiosk.ps1 and revert-kiosk.ps1, which dot-source it: the names both
# use, the administrator check, the kiosk account's profile, the LSA secret store, and
# running a script as SYSTEM. NOT RUN ON WINDOWS BY THE PROJECT (see the two scripts).

$StateKey = "HKLM:\SOFTWARE\Ujikom\Kiosk"
$RuleGroup = "Ujikom exam kiosk"
$ShellLauncherNs = "root\cimv2\mdm\dmmap"

function Assert-Administrator {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal($identity)
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw "Run this script as Administrator."
    }
}

function Get-KioskProfile([string]$Name) {
    # The account's Win32_UserProfile (its folder and registry hive), or $null when the
    # account does not exist or has never signed in.
    $user = Get-LocalUser -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $user) { return $null }
    return Get-CimInstance Win32_UserProfile | Where-Object { $_.SID -eq $user.SID.Value }
}

function Invoke-AsSystem([string]$TaskName, [string]$Script) {
    # The MDM bridge's AssignedAccess CSP only accepts calls from SYSTEM: a one-off task
    # runs `$Script`; its result code is returned (0: done).
    $action = New-ScheduledTaskAction -Execute "powershell.exe" `
        -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$Script`""
    $system = New-ScheduledTaskPrincipal -UserId "SYSTEM" -LogonType ServiceAccount `
        -RunLevel Highest
    Register-ScheduledTask -TaskName $TaskName -Action $action -Principal $system `
        -Force | Out-Null
    Start-ScheduledTask -TaskName $TaskName
    Start-Sleep -Seconds 10
    $info = Get-ScheduledTaskInfo -TaskName $TaskName
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
    return $info.LastTaskResult
}

# The autologon password as the LSA secret "DefaultPassword" (what Sysinternals Autologon
# does), never as a registry value in the clear; Clear deletes it (none there: nothing to do).
if (-not ([Management.Automation.PSTypeName]'UjikomLsa').Type) {
    Add-Type -TypeDefinition @"
    using System;
    using System.Runtime.InteropServices;
    public static class UjikomLsa {
        [StructLayout(LayoutKind.Sequential)]
        struct LSA_UNICODE_STRING { public ushort Length; public ushort MaximumLength; public IntPtr Buffer; }
        [StructLayout(LayoutKind.Sequential)]
        struct LSA_OBJECT_ATTRIBUTES { public int Length; public IntPtr RootDirectory; public IntPtr ObjectName;
            public int Attributes; public IntPtr SecurityDescriptor; public IntPtr SecurityQualityOfService; }
        [DllImport("advapi32.dll")] static extern uint LsaOpenPolicy(IntPtr system, ref LSA_OBJECT_ATTRIBUTES attrs,
            int access, out IntPtr handle);
        [DllImport("advapi32.dll")] static extern uint LsaStorePrivateData(IntPtr handle, ref LSA_UNICODE_STRING key,
            ref LSA_UNICODE_STRING data);
        [DllImport("advapi32.dll")] static extern uint LsaStorePrivateData(IntPtr handle, ref LSA_UNICODE_STRING key,
            IntPtr data);
        [DllImport("advapi32.dll")] static extern uint LsaClose(IntPtr handle);
        [DllImport("advapi32.dll")] static extern int LsaNtStatusToWinError(uint status);
        static LSA_UNICODE_STRING Str(string s) {
            var u = new LSA_UNICODE_STRING();
            u.Buffer = Marshal.StringToHGlobalUni(s);
            u.Length = (ushort)(s.Length * 2);
            u.MaximumLength = (ushort)(s.Length * 2 + 2);
            return u;
        }
        public static void Clear(string name) {  // a null value deletes it
            try { Store(name, null); }
            catch (System.ComponentModel.Win32Exception e) {
                if (e.NativeErrorCode != 2) throw;  // ERROR_FILE_NOT_FOUND: already gone
            }
        }
        public static void Store(string name, string value) {
            var attrs = new LSA_OBJECT_ATTRIBUTES();
            IntPtr policy;
            uint status = LsaOpenPolicy(IntPtr.Zero, ref attrs, 0x00000020 /* POLICY_CREATE_SECRET */, out policy);
            if (status != 0) throw new System.ComponentModel.Win32Exception(LsaNtStatusToWinError(status));
            try {
                var key = Str(name);
                if (value == null) { status = LsaStorePrivateData(policy, ref key, IntPtr.Zero); }
                else { var data = Str(value); status = LsaStorePrivateData(policy, ref key, ref data); }
                if (status != 0) throw new System.ComponentModel.Win32Exception(LsaNtStatusToWinError(status));
            } finally { LsaClose(policy); }
        }
    }
"@
}
