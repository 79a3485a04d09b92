{{/* Labels shared by everything a service owns. */}}
{{- define "gennemsyn.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: gennemsyn
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "gennemsyn.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* A service's settings: the defaults, overridden by its own block. */}}
{{- define "gennemsyn.settings" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .svc)) -}}
{{- end -}}

{{- define "gennemsyn.image" -}}
{{- $tag := .svc.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- .svc.image | default (printf "%s/%s:%s" .root.Values.image.repository .name $tag) -}}
{{- end -}}
